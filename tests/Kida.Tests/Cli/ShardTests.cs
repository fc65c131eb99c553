using Kida.Cli.Planning;

namespace Kida.Tests.Cli;

/// <summary>Shards split a site so that N machines together write exactly what one full render writes.</summary>
public sealed class ShardTests
{
    [Fact]
    public void The_union_of_three_shards_is_byte_identical_to_a_full_render()
    {
        using var box = new CliSandbox();
        var full = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("full"), "--quiet");
        Assert.True(full.ExitCode == 0, full.ToString());

        var counts = new List<int>();
        for (var k = 1; k <= 3; k++)
        {
            var shard = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("union"), "--shard", $"{k}/3", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.ToString());
            Assert.Contains($"Shard {k}/3:", shard.Out);
            counts.Add(Directory.EnumerateFiles(box.PathOf("union"), "*", SearchOption.AllDirectories).Count());
        }

        CliSandbox.AssertSameFiles(box.PathOf("full"), box.PathOf("union"));
        // Each shard added a share of roughly a third of the pages.
        var shares = new[] { counts[0], counts[1] - counts[0], counts[2] - counts[1] };
        Assert.All(shares, s => Assert.InRange(s, 336 / 3 - 10, 336 / 3 + 10));
    }

    [Fact]
    public void Shards_are_disjoint_and_cover_every_page()
    {
        using var box = new CliSandbox();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        for (var k = 1; k <= 4; k++)
        {
            var dir = box.PathOf($"s{k}");
            box.Run("render", CliSandbox.ExampleSite, "--out", dir, "--shard", $"{k}/4", "--quiet");
            foreach (var f in CliSandbox.Snapshot(dir).Keys)
            {
                Assert.True(seen.Add(f), $"{f} is in two shards");
                total++;
            }
        }
        Assert.Equal(337, total); // 336 pages and the static style.css, copied by shard 1 only
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1-3")]
    [InlineData("a/b")]
    public void An_invalid_shard_is_a_usage_error(string shard)
    {
        using var box = new CliSandbox();
        var run = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--shard", shard);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--shard must be K/N", run.Error);
    }

    [Fact]
    public void Longest_first_assignment_balances_bins_and_depends_only_on_weights_and_paths()
    {
        var items = Enumerable.Range(0, 100).Select(i => ($"p{i:000}", 1.0 + i % 7)).ToList();
        var bins = ShardPlanner.Assign(items, 3);
        var shuffled = items.AsEnumerable().Reverse().ToList();
        var binsShuffled = ShardPlanner.Assign(shuffled, 3);

        for (var i = 0; i < items.Count; i++) Assert.Equal(bins[i], binsShuffled[items.Count - 1 - i]);
        var loads = Enumerable.Range(0, 3).Select(b => items.Where((_, i) => bins[i] == b).Sum(x => x.Item2)).ToArray();
        Assert.True(loads.Max() - loads.Min() <= 7.0, string.Join(", ", loads));
    }
}
