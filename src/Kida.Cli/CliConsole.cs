using Spectre.Console;

namespace Kida.Cli;

/// <summary>
/// Where commands write: results to <see cref="Out"/>, problems to <see cref="Error"/>, and — only when a terminal is
/// attached — live progress to <see cref="Live"/>. Tests pass string writers and no live console.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole? Live = null)
{
    public static CliConsole System() => new(Console.Out, Console.Error,
        Console.IsOutputRedirected || Console.IsErrorRedirected ? null : AnsiConsole.Console);
}
