namespace Kida.Tests.Cli;

/// <summary>The command names itself <c>kida</c> wherever it prints its own name, not after its executable (<c>Kida.Cli</c>).</summary>
public sealed class CommandNameTests
{
    [Fact]
    public void The_root_help_usage_line_says_kida()
    {
        using var box = new CliSandbox();
        var run = box.Run("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:\n  kida [command] [options]", run.Out.Replace("\r\n", "\n"));
        Assert.DoesNotContain("Kida.Cli", run.Out);
    }

    [Fact]
    public void A_subcommand_help_usage_line_says_kida()
    {
        using var box = new CliSandbox();
        var run = box.Run("render", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  kida render <SITE> [options]", run.Out);
        Assert.DoesNotContain("Kida.Cli", run.Out);
    }

    [Fact]
    public void A_usage_error_shows_kida_in_its_usage()
    {
        using var box = new CliSandbox();
        var run = box.Run("bogus");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Unrecognized command or argument 'bogus'", run.Error);
        Assert.DoesNotContain("Kida.Cli", run.Out + run.Error);
        Assert.Contains("kida [command] [options]", run.Out + run.Error);
    }

    [Fact]
    public void Version_is_kida_and_a_version_number()
    {
        using var box = new CliSandbox();
        var run = box.Run("--version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^kida \d+\.\d+\.\d+\S*\r?\n$", run.Out);
    }
}
