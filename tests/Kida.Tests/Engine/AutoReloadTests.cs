namespace Kida.Tests.Engine;

/// <summary>
/// <see cref="TemplateEnvironmentOptions.AutoReload"/>: a changed or deleted source is noticed by GetTemplate through the
/// loader's up-to-date check, includes and layouts see changes, failures are not cached, renders racing a change see
/// the old or the new template whole.
/// </summary>
public sealed class AutoReloadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kida-reload-").FullName;
    private DateTime _clock = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Writes a file the way editors do (temporary file, then rename) with a modification time of its own.</summary>
    private void Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        var temp = path + ".tmp~";
        File.WriteAllText(temp, text);
        _clock = _clock.AddSeconds(1);
        File.SetLastWriteTimeUtc(temp, _clock);
        File.Move(temp, path, overwrite: true);
    }

    private TemplateEnvironment Env(bool autoReload = true, TimeSpan interval = default) =>
        new(new TemplateEnvironmentOptions { Loader = new FileSystemLoader(_root), AutoReload = autoReload, AutoReloadInterval = interval });

    [Fact]
    public void A_changed_file_is_recompiled_and_an_unchanged_one_is_reused()
    {
        Write("a.html", "v1 {{ x }}");
        var env = Env();
        var first = env.GetTemplate("a.html");
        Assert.Equal("v1 1", first.Render(new { x = 1 }));
        Assert.Same(first, env.GetTemplate("a.html"));
        Assert.Equal(1, env.CompileCount);

        Write("a.html", "v2 {{ x }}");
        var second = env.GetTemplate("a.html");
        Assert.NotSame(first, second);
        Assert.Equal("v2 1", second.Render(new { x = 1 }));
        Assert.Equal(2, env.CompileCount);
        Assert.Same(second, env.GetTemplate("a.html"));
        Assert.Equal("v1 1", first.Render(new { x = 1 })); // a template already taken stays what it was
    }

    [Fact]
    public void Off_by_default_so_a_change_is_not_seen()
    {
        Write("a.html", "v1");
        var env = new TemplateEnvironment(new FileSystemLoader(_root));
        Assert.False(env.Options.AutoReload);
        Assert.Equal("v1", env.Render("a.html"));
        Write("a.html", "v2");
        Assert.Equal("v1", env.Render("a.html"));
    }

    [Fact]
    public void A_broken_change_raises_and_the_next_good_change_recovers()
    {
        Write("a.html", "ok");
        var env = Env();
        Assert.Equal("ok", env.Render("a.html"));
        Write("a.html", "{% if %}");
        Assert.Throws<TemplateSyntaxException>(() => env.GetTemplate("a.html"));
        Assert.Throws<TemplateSyntaxException>(() => env.GetTemplate("a.html")); // not cached: read and compiled again
        Write("a.html", "fixed");
        Assert.Equal("fixed", env.Render("a.html"));
    }

    [Fact]
    public void A_deleted_file_is_not_found_and_leaves_no_entry()
    {
        Write("a.html", "here");
        var env = Env();
        Assert.Equal("here", env.Render("a.html"));
        File.Delete(Path.Combine(_root, "a.html"));
        Assert.Throws<TemplateNotFoundException>(() => env.GetTemplate("a.html"));
        Assert.Throws<TemplateNotFoundException>(() => env.GetTemplate("a.html"));
        var compiled = env.CompileCount;
        Write("a.html", "back");
        Assert.Equal("back", env.Render("a.html"));
        Assert.Equal(compiled + 1, env.CompileCount);
    }

    [Fact]
    public void Pages_see_a_changed_layout_include_and_macro_module()
    {
        Write("layout.html", "<L1>{% block body %}{% endblock %}");
        Write("part.html", "[p1]");
        Write("macros.html", "{% macro m() %}m1{% endmacro %}");
        Write("page.html", "{% extends 'layout.html' %}{% block body %}{% include 'part.html' %}{% import 'macros.html' as mm %}{{ mm.m() }}{% endblock %}");
        var env = Env();
        Assert.Equal("<L1>[p1]m1", env.Render("page.html"));
        Assert.Equal("<L1>[p1]m1", env.Render("page.html"));
        Write("layout.html", "<L2>{% block body %}{% endblock %}");
        Assert.Equal("<L2>[p1]m1", env.Render("page.html"));
        Write("part.html", "[p2]");
        Assert.Equal("<L2>[p2]m1", env.Render("page.html"));
        Write("macros.html", "{% macro m() %}m2{% endmacro %}");
        Assert.Equal("<L2>[p2]m2", env.Render("page.html"));
    }

    [Fact]
    public void The_minimum_interval_defers_the_check()
    {
        Write("a.html", "v1");
        var env = Env(interval: TimeSpan.FromHours(1));
        Assert.Equal("v1", env.Render("a.html"));
        Write("a.html", "v2");
        Assert.Equal("v1", env.Render("a.html")); // not checked again within the hour
        env.ClearTemplateCache();
        Assert.Equal("v2", env.Render("a.html"));
    }

    [Fact]
    public void A_loader_without_a_check_never_reloads_and_a_custom_check_is_honoured()
    {
        var version = 1;
        var loader = new FunctionLoader(name =>
        {
            var v = Volatile.Read(ref version);
            return new TemplateSource($"v{v}", null) { IsUpToDate = () => Volatile.Read(ref version) == v };
        });
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = loader, AutoReload = true });
        Assert.Equal("v1", env.Render("x"));
        Volatile.Write(ref version, 2);
        Assert.Equal("v2", env.Render("x"));

        var dict = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new DictLoader(new Dictionary<string, string> { ["d"] = "same" }), AutoReload = true });
        var t = dict.GetTemplate("d");
        Assert.Same(t, dict.GetTemplate("d"));
    }

    [Fact]
    public void An_io_error_in_the_check_counts_as_changed()
    {
        var fail = false;
        var loads = 0;
        var loader = new FunctionLoader(name =>
        {
            Interlocked.Increment(ref loads);
            return new TemplateSource("t", null) { IsUpToDate = () => fail ? throw new IOException("gone") : true };
        });
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = loader, AutoReload = true });
        env.GetTemplate("x");
        env.GetTemplate("x");
        Assert.Equal(1, loads);
        fail = true;
        env.GetTemplate("x");
        Assert.Equal(2, loads);
    }

    [Fact]
    public void Concurrent_renders_while_the_file_changes_see_the_old_or_the_new_template_whole()
    {
        const int threads = 8, rounds = 20, rendersPerRound = 25;
        string Body(int version) => $"<v{version}>" + string.Concat(Enumerable.Repeat($"{{{{ x }}}}-{version};", 50)) + $"</v{version}>";
        string Expected(int version) => $"<v{version}>" + string.Concat(Enumerable.Repeat($"7-{version};", 50)) + $"</v{version}>";
        Write("page.html", "{% extends 'layout.html' %}");
        Write("layout.html", Body(0));
        var env = Env();
        var barrier = new Barrier(threads + 1);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var current = 0;
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            for (var r = 0; r < rounds; r++)
            {
                barrier.SignalAndWait();
                for (var i = 0; i < rendersPerRound; i++)
                {
                    try
                    {
                        var output = env.Render("page.html", new { x = 7 });
                        var v = Volatile.Read(ref current);
                        if (output != Expected(v) && output != Expected(v - 1) && output != Expected(v + 1)) failures.Enqueue(output);
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue(e.ToString());
                    }
                }
                barrier.SignalAndWait();
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        for (var r = 0; r < rounds; r++)
        {
            barrier.SignalAndWait();
            // Change the layout while the renders of this round run.
            Write("layout.html", Body(r + 1));
            Volatile.Write(ref current, r + 1);
            barrier.SignalAndWait();
        }
        workers.ForEach(w => w.Join());
        Assert.Empty(failures);
        Assert.Equal(Expected(rounds), env.Render("page.html", new { x = 7 }));
    }
}
