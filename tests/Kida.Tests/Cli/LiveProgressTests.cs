using Kida.Cli;
using Spectre.Console;

namespace Kida.Tests.Cli;

/// <summary>With a terminal attached, render drives a Spectre.Console progress bar and still prints the summary.</summary>
public sealed class LiveProgressTests
{
    [Fact]
    public void A_live_console_gets_a_progress_bar_and_the_output_is_unchanged()
    {
        using var box = new CliSandbox();
        var terminal = new StringWriter();
        var live = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(terminal),
        });
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = KidaApp.Run(["render", CliSandbox.ExampleSite, "--out", box.PathOf("live"), "--workers", "2"], new CliConsole(stdout, stderr, live));
        box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("plain"), "--quiet");

        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("Rendering pages", terminal.ToString());
        Assert.Contains("Rendered 336 pages, 0 failed", stdout.ToString());
        Assert.DoesNotContain("/336 pages (", stdout.ToString());
        CliSandbox.AssertSameFiles(box.PathOf("plain"), box.PathOf("live"));
    }
}
