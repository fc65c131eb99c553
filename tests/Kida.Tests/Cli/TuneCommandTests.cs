using Kida.Workers;

namespace Kida.Tests.Cli;

/// <summary><c>kida tune</c> measures templates, recommends workers and saves a cost model render can use.</summary>
public sealed class TuneCommandTests
{
    [Fact]
    public void Tune_prints_costs_and_weights_and_saves_a_cost_model_that_render_accepts()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("cost.json");
        var tune = box.Run("tune", CliSandbox.ExampleSite, "--sample", "40", "--rounds", "1", "--save", model);

        Assert.True(tune.ExitCode == 0, tune.ToString());
        Assert.Contains("catalog.html", tune.Out);
        Assert.Contains("static weight", tune.Out);
        Assert.Contains("Recommended workers:", tune.Out);
        var saved = CostModel.Load(model);
        Assert.True(saved.TryGetCost("product.html", out var cost) && cost > TimeSpan.Zero);
        var before = File.ReadAllText(model);

        var render = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--cost-model", model, "--shard", "2/2", "--quiet");
        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.Contains($"Cost model: {model} (read only)", render.Out);
        Assert.Equal(before, File.ReadAllText(model));
    }
}
