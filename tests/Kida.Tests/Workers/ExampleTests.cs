using Kida.Examples.CompleteExample;
using Kida.Examples.QuickStart;
using Kida.Workers;

namespace Kida.Tests.Workers;

public class ExampleTests
{
    [Fact]
    public void Quick_start_renders_in_parallel_on_an_8_processor_host_and_matches_serial_output()
    {
        var result = QuickStartExample.Run(Hosts.Local(8), TestContext.Current.CancellationToken);

        Assert.True(result.Parallel);
        Assert.Equal(4, result.Workers);
        Assert.Equal(QuickStartExample.RenderSerially(), result.Results);
        Assert.Equal("<p>Hello, User 0!</p>", result.Results[0]);
        Assert.Equal("<p>Hello, User 99!</p>", result.Results[99]);
    }

    [Fact]
    public void Quick_start_on_a_ci_host_uses_two_workers()
    {
        var result = QuickStartExample.Run(Hosts.WithVariables(8, ("GITHUB_ACTIONS", "true")), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Workers);
        Assert.Equal(QuickStartExample.RenderSerially(), result.Results);
    }

    [Fact]
    public void Quick_start_builds_the_seeds_100_contexts()
    {
        var contexts = QuickStartExample.Contexts();

        Assert.Equal(100, contexts.Count);
        Assert.Equal("User 42", contexts[42]["name"]);
    }

    [Fact]
    public void Complete_example_ships_its_templates_next_to_the_executable()
    {
        var names = new FileSystemLoader(CompleteExample.DefaultTemplatesDirectory).ListTemplates();

        Assert.Contains("base.html", names);
        Assert.Contains("layouts/docs.html", names);
        Assert.Contains("macros.html", names);
        Assert.True(names.Count >= 10, "enough templates to pass the render threshold of 10");
    }

    [Fact]
    public void Complete_example_renders_in_parallel_heaviest_first_and_matches_serial_output()
    {
        var result = CompleteExample.Run(tuner: Hosts.Local(8), cancellationToken: TestContext.Current.CancellationToken);
        var serial = CompleteExample.RenderSerially();

        Assert.True(result.Parallel);
        Assert.Equal(4, result.Workers);
        Assert.Equal(serial, result.Pages);
        Assert.Equal(result.Pages.OrderByDescending(p => p.Weight).Select(p => p.Weight), result.Pages.Select(p => p.Weight));
        Assert.Equal("pages/workers.html", result.Pages[0].Name);
        var workers = result.Pages[0].Output;
        Assert.Contains("<title>Worker auto-tuning · Kida Docs</title>", workers);
        Assert.Contains("&lt;with markup &amp; escaping&gt;", workers);
        Assert.Contains("<span class=\"badge badge-success\">parallel</span>", workers);
        Assert.Contains("Still stuck?", workers);
    }
}
