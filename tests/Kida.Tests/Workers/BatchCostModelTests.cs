using Kida.Workers;

namespace Kida.Tests.Workers;

public class BatchCostModelTests
{
    [Fact]
    public void A_saved_model_loads_back_with_the_same_costs_and_slowdowns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kida-model-{Guid.NewGuid():N}", "costs.json");
        try
        {
            var model = new CostModel();
            model.SetCost("page.html", TimeSpan.FromMicroseconds(125.5));
            model.SetCost("layouts/base.html", TimeSpan.FromMicroseconds(3));
            model.SetSlowdown(2, 1.125);
            model.Save(path);

            var loaded = CostModel.Load(path);

            Assert.Equal(path, loaded.FilePath);
            Assert.Equal(2, loaded.Count);
            Assert.True(loaded.TryGetCost("page.html", out var page));
            Assert.Equal(125.5, page.TotalMicroseconds, 6);
            Assert.Equal(1.125, loaded.GetSlowdown(2));
            Assert.Equal(model.ToJson(), loaded.ToJson());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void A_missing_or_corrupt_file_loads_as_an_empty_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kida-model-{Guid.NewGuid():N}.json");
        Assert.Equal(0, CostModel.Load(path).Count);
        try
        {
            File.WriteAllText(path, "{ not json");
            Assert.Equal(0, CostModel.Load(path).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Measurements_are_averaged_and_old_ones_fade_after_16_samples()
    {
        var model = new CostModel();
        model.Record("t", 10 * 4, 4);
        model.Record("t", 20 * 4, 4);
        Assert.True(model.TryGetCost("t", out var mean));
        Assert.Equal(15, mean.TotalMicroseconds, 9);

        for (var i = 0; i < 20; i++) model.Record("t", 25 * 16, 16);
        Assert.True(model.TryGetCost("t", out var recent));
        Assert.InRange(recent.TotalMicroseconds, 24.9, 25);
    }

    [Fact]
    public void A_batch_more_than_twice_off_the_learned_cost_replaces_it_when_it_has_enough_renders()
    {
        var model = new CostModel();
        model.SetCost("t", TimeSpan.FromMicroseconds(500)); // learned from cold code

        model.Record("t", 3 * 2, 3); // too few renders to overrule 16 samples: blended
        Assert.True(model.TryGetCost("t", out var blended));
        Assert.InRange(blended.TotalMicroseconds, 400, 500);

        model.Record("t", 4 * 2, 4);
        Assert.True(model.TryGetCost("t", out var replaced));
        Assert.Equal(2, replaced.TotalMicroseconds, 9);
    }

    [Fact]
    public void Templates_without_a_name_are_keyed_by_a_hash_that_is_stable_across_processes()
    {
        var env = new TemplateEnvironment();
        var a = CostModel.KeyOf(env.FromString("Hello {{ name }}"));
        var b = CostModel.KeyOf(env.FromString("Hello {{ name }}"));

        Assert.Equal(a, b);
        Assert.StartsWith("<string>#", a);
        Assert.Equal("<string>#".Length + 16, a.Length);
        Assert.NotEqual(a, CostModel.KeyOf(env.FromString("Hello {{ other }}")));
    }
}
