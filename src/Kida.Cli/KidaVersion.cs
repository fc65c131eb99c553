using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Kida.Cli;

/// <summary><c>kida --version</c>: prints <c>kida VERSION</c>, the tool's name and its informational version.</summary>
internal static class KidaVersion
{
    public static string Text =>
        KidaApp.Name + " " + (typeof(KidaVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(KidaVersion).Assembly.GetName().Version?.ToString() ?? "unknown");

    public static Option<bool> Option() => new("--version")
    {
        Description = "Show version information",
        Arity = ArgumentArity.Zero,
        Action = new PrintVersion(),
    };

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Text);
            return 0;
        }
    }
}
