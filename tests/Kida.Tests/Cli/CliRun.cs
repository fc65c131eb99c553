namespace Kida.Tests.Cli;

/// <summary>What one in-process <c>kida</c> run returned and printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}
