using System.CommandLine;
using System.Globalization;
using Kida.Cli.Diagnostics;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida check TEMPLATES_DIR</c>: compiles every template in the folder and reports every one that fails, each
/// with its location and a caret snippet, instead of stopping at the first. Exit code 1 if any failed.
/// </summary>
internal sealed class CheckCommand(CliConsole console)
{
    public static Command Create(CliConsole console)
    {
        var dir = new Argument<string>("TEMPLATES_DIR") { Description = "Folder of templates to compile" };
        var command = new Command("check", "Compile every template in a folder and report all errors") { dir };
        command.SetAction(parse => new CheckCommand(console).Run(parse.GetRequiredValue(dir)));
        return command;
    }

    public int Run(string templatesDirectory)
    {
        if (!Directory.Exists(templatesDirectory))
        {
            console.Error.WriteLine($"error: templates folder '{templatesDirectory}' does not exist");
            return 2;
        }
        var display = templatesDirectory.Replace('\\', '/').TrimEnd('/');
        // Each template compiles in its own environment so one template's failure cannot hide another's.
        var loader = new FileSystemLoader(templatesDirectory);
        var names = loader.ListTemplates();
        var problems = new List<Problem>();
        foreach (var name in names)
        {
            try
            {
                new TemplateEnvironment(loader).GetTemplate(name);
            }
            catch (TemplateException e)
            {
                problems.Add(TemplateProblems.From(e, display, name));
            }
        }
        foreach (var problem in problems) console.Error.WriteLine(problem.Format() + "\n");
        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine(problems.Count == 0
            ? string.Create(inv, $"Checked {names.Count} templates: all compile")
            : string.Create(inv, $"Checked {names.Count} templates: {problems.Count} with errors"));
        return problems.Count == 0 ? 0 : 1;
    }
}
