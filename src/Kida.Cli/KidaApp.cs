using System.CommandLine;
using Kida.Cli.Commands;

namespace Kida.Cli;

/// <summary>The <c>kida</c> command line: parses arguments and runs a command against the given console.</summary>
internal static class KidaApp
{
    public static RootCommand CreateRoot(CliConsole console) =>
        new("kida: render Jinja2-template sites in parallel, check templates, tune workers")
        {
            RenderCommand.Create(console),
            CheckCommand.Create(console),
            TuneCommand.Create(console),
            GenerateSiteCommand.Create(console),
        };

    public static int Run(string[] args, CliConsole console) =>
        CreateRoot(console).Parse(args).Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
}
