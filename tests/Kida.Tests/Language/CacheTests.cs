namespace Kida.Tests.Language;

/// <summary>§4.12: the environment-wide fragment cache.</summary>
public class CacheTests
{
    /// <summary>A clock the test moves by hand: expiry without sleeping.</summary>
    internal sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private static (TemplateEnvironment Env, ManualClock Clock) Env(int size = 1000)
    {
        var clock = new ManualClock();
        var env = K.Env(configure: o => o with { TimeProvider = clock, FragmentCacheSize = size, FragmentTtl = TimeSpan.FromSeconds(300) });
        return (env, clock);
    }

    [Fact]
    public void A_cached_fragment_renders_once_and_is_reused()
    {
        var (env, _) = Env();
        var t = env.FromString("{% cache 'k' %}{{ n }}{% end %}");
        Assert.Equal("1", t.Render(K.Ctx(("n", 1L))));
        Assert.Equal("1", t.Render(K.Ctx(("n", 2L))));
    }

    [Fact]
    public void Keys_are_shared_by_the_whole_environment()
    {
        var (env, _) = Env();
        Assert.Equal("first", env.FromString("{% cache 'nav' %}first{% end %}").Render());
        Assert.Equal("first", env.FromString("{% cache 'nav' %}second{% end %}").Render());
        Assert.Equal("third", K.Env().FromString("{% cache 'nav' %}third{% end %}").Render());
    }

    [Fact]
    public void A_fragment_expires_after_the_default_ttl()
    {
        var (env, clock) = Env();
        var t = env.FromString("{% cache 'k' %}{{ n }}{% end %}");
        Assert.Equal("1", t.Render(K.Ctx(("n", 1L))));
        clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal("1", t.Render(K.Ctx(("n", 2L))));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("3", t.Render(K.Ctx(("n", 3L))));
    }

    [Theory]
    [InlineData("30", 29, 31)]
    [InlineData("'30s'", 29, 31)]
    [InlineData("'5m'", 299, 301)]
    [InlineData("'2h'", 7199, 7201)]
    [InlineData("'1d'", 86399, 86401)]
    public void The_ttl_takes_seconds_or_a_unit(string ttl, int fresh, int stale)
    {
        var (env, clock) = Env();
        var t = env.FromString("{% cache 'k', ttl=" + ttl + " %}{{ n }}{% end %}");
        t.Render(K.Ctx(("n", 1L)));
        clock.Advance(TimeSpan.FromSeconds(fresh));
        Assert.Equal("1", t.Render(K.Ctx(("n", 2L))));
        clock.Advance(TimeSpan.FromSeconds(stale - fresh));
        Assert.Equal("3", t.Render(K.Ctx(("n", 3L))));
    }

    [Fact]
    public void The_least_recently_used_fragment_is_evicted_first()
    {
        var (env, _) = Env(size: 2);
        var t = env.FromString("{% cache key %}{{ n }}{% end %}");
        t.Render(K.Ctx(("key", "a"), ("n", 1L)));
        t.Render(K.Ctx(("key", "b"), ("n", 1L)));
        t.Render(K.Ctx(("key", "a"), ("n", 9L))); // touches a
        t.Render(K.Ctx(("key", "c"), ("n", 1L))); // evicts b
        Assert.Equal("1", t.Render(K.Ctx(("key", "a"), ("n", 2L))));
        Assert.Equal("2", t.Render(K.Ctx(("key", "b"), ("n", 2L))));
    }

    [Fact]
    public void Depends_is_accepted_and_not_evaluated() =>
        Assert.Equal("x", K.Render("{% cache 'd', depends=ghost.thing %}x{% end %}"));

    [Fact]
    public void One_cache_is_shared_by_eight_threads()
    {
        var (env, _) = Env();
        var t = env.FromString("{% cache 'shared' %}{{ n }}{% end %}");
        const int threads = 8;
        var results = new string[threads];
        using var barrier = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            results[i] = t.Render(K.Ctx(("n", (long)i)));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        // Every thread sees a value some thread rendered, and afterwards all agree on the stored one.
        var stored = t.Render(K.Ctx(("n", 99L)));
        Assert.NotEqual("99", stored);
        Assert.All(results, r => Assert.InRange(long.Parse(r), 0, threads - 1));
    }
}
