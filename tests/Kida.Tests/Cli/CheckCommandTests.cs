namespace Kida.Tests.Cli;

/// <summary><c>kida check</c> compiles every template and reports all the broken ones, not just the first.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public void Check_reports_every_error_of_a_folder_with_three_broken_templates()
    {
        using var box = new CliSandbox();
        box.Write("t/good.html", "<p>{{ name }}</p>");
        box.Write("t/a.html", "line one\n{% if x %}\nno end");
        box.Write("t/layouts/b.html", "{{ user.name | nosuchfilter }}");
        box.Write("t/c.html", "ok\nok\n  {{ 1 + }}");

        var run = box.Run("check", box.PathOf("t"));

        Assert.True(run.ExitCode == 1, run.ToString());
        var t = box.PathOf("t").Replace('\\', '/');
        Assert.Contains($"{t}/a.html:", run.Error);
        Assert.Contains($"{t}/layouts/b.html:1:", run.Error);
        Assert.Contains($"{t}/c.html:3:", run.Error);
        Assert.Contains("3 |   {{ 1 + }}", run.Error);
        Assert.DoesNotContain("good.html", run.Error);
        Assert.Contains("Checked 4 templates: 3 with errors", run.Out);
    }

    [Fact]
    public void Check_passes_on_the_example_site_templates()
    {
        using var box = new CliSandbox();
        var run = box.Run("check", Path.Combine(CliSandbox.ExampleSite, "templates"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("all compile", run.Out);
    }
}
