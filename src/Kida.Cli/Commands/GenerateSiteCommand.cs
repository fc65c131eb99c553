using System.CommandLine;
using System.Globalization;
using Kida.Cli.Site;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida generate-site DIR --pages N</c>: writes a synthetic site of N pages for scale tests (see
/// <see cref="ScaleSite"/>). The same N always gives the same files.
/// </summary>
internal sealed class GenerateSiteCommand(CliConsole console)
{
    public static Command Create(CliConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "Folder to create the site in" };
        var pages = new Option<int>("--pages", "-n") { Description = "Number of content pages", DefaultValueFactory = _ => 1000 };
        var force = new Option<bool>("--force") { Description = "Write into a folder that is not empty" };
        var command = new Command("generate-site", "Generate a synthetic site of N pages for scale tests") { dir, pages, force };
        command.SetAction(parse => new GenerateSiteCommand(console).Run(parse.GetRequiredValue(dir), parse.GetValue(pages), parse.GetValue(force)));
        return command;
    }

    public int Run(string directory, int pages, bool force = false)
    {
        if (pages < 1)
        {
            console.Error.WriteLine("error: --pages must be at least 1");
            return 2;
        }
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !force)
        {
            console.Error.WriteLine($"error: '{directory}' is not empty (use --force to write into it)");
            return 2;
        }
        ScaleSite.Write(directory, pages);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {pages} pages in {directory} (render with: kida render {directory})"));
        return 0;
    }
}
