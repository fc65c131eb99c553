using System.CommandLine;
using System.CommandLine.Help;
using Kida.Cli.Commands;

namespace Kida.Cli;

/// <summary>The <c>kida</c> command line: parses arguments and runs a command against the given console.</summary>
internal static class KidaApp
{
    /// <summary>The name the command prints for itself (usage lines, errors, version), whatever the executable is called.</summary>
    public const string Name = "kida";

    /// <summary>
    /// The root command. Not a <see cref="RootCommand"/>: that one names itself after the executable
    /// (<c>Kida.Cli</c> under <c>dotnet run</c>), so the root is a command named <see cref="Name"/> with the same help
    /// and version options.
    /// </summary>
    public static Command CreateRoot(CliConsole console) =>
        new(Name, "kida: render Jinja2-template sites in parallel, check templates, tune workers, apply chat templates")
        {
            new HelpOption(),
            KidaVersion.Option(),
            RenderCommand.Create(console),
            CheckCommand.Create(console),
            TuneCommand.Create(console),
            GenerateSiteCommand.Create(console),
            ChatCommand.Create(console),
#if KIDA_SERVE
            Serve.ServeCommand.Create(console),
#else
            NativeServeCommand.Create(console),
#endif
        };

    public static int Run(string[] args, CliConsole console) =>
        CreateRoot(console).Parse(args).Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
}
