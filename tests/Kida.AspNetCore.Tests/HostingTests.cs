using System.Diagnostics.Metrics;
using System.Net;
using Kida.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Kida.AspNetCore.Tests;

/// <summary>The package on a real pipeline: streaming, reload, error pages in Development and Production, bad input, logs and metrics.</summary>
public sealed class HostingTests
{
    private const string Category = "Kida.AspNetCore";

    [Fact]
    public async Task The_first_bytes_arrive_before_a_slow_data_source_is_finished()
    {
        await using var site = new TestSite();
        site.Write("rows.html", "<ul>{% for row in rows %}<li>{{ row }}</li>{% endfor %}</ul>");
        var firstBytesSeen = new TaskCompletionSource();
        var finished = false;
        IEnumerable<string> Rows()
        {
            for (var i = 0; i < 1000; i++) yield return $"row {i} " + new string('x', 40);
            if (!firstBytesSeen.Task.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("the client saw nothing while the data source was pending");
            for (var i = 0; i < 10; i++) yield return "late";
            finished = true;
        }
        await site.StartAsync("Production", app => app.MapGet("/rows", () => Results.Extensions.Template("rows.html", new { rows = Rows() })));

        using var response = await site.Client.GetAsync("/rows", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        var read = await body.ReadAsync(buffer);
        Assert.True(read > 0);
        Assert.False(finished, "the data source finished before the first bytes were read");
        firstBytesSeen.SetResult();
        var rest = await new StreamReader(body).ReadToEndAsync();
        var page = System.Text.Encoding.UTF8.GetString(buffer, 0, read) + rest;
        Assert.True(finished);
        Assert.StartsWith("<ul><li>row 0 ", page);
        Assert.EndsWith("<li>late</li></ul>", page);
    }

    [Fact]
    public async Task Development_picks_up_an_edit_shows_a_broken_edit_on_the_developer_exception_page_and_recovers()
    {
        await using var site = new TestSite();
        site.Write("layout.html", "<h1>{% block title %}{% endblock %}</h1>");
        site.Write("page.html", "{% extends 'layout.html' %}{% block title %}first {{ n }}{% endblock %}");
        await site.StartAsync("Development", app => app.MapGet("/", () => Results.Extensions.Template("page.html", new { n = 1 })));
        Assert.Equal("<h1>first 1</h1>", await site.Client.GetStringAsync("/"));

        site.Write("page.html", "{% extends 'layout.html' %}{% block title %}second {{ n }}{% endblock %}");
        Assert.Equal("<h1>second 1</h1>", await site.Client.GetStringAsync("/"));
        site.Write("layout.html", "<h2>{% block title %}{% endblock %}</h2>");
        Assert.Equal("<h2>second 1</h2>", await site.Client.GetStringAsync("/"));

        site.Write("page.html", "{% extends 'layout.html' %}\n{% block title %}\n  broken {{ n | }}\n{% endblock %}");
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        var broken = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        var page = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        Assert.Contains("TemplateSyntaxException", page);
        Assert.Contains("--> page.html:3:", page);
        Assert.Contains("3 |   broken {{ n | }}", page);
        Assert.Matches(@"\|\s+\^", page);
        Assert.Contains(site.Logs.Messages(Category, LogLevel.Error), m => m.StartsWith("Template page.html failed to compile", StringComparison.Ordinal) && m.Contains("line 3"));

        site.Write("page.html", "{% extends 'layout.html' %}{% block title %}fixed {{ n }}{% endblock %}");
        Assert.Equal("<h2>fixed 1</h2>", await site.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Production_compiles_once_and_sends_errors_to_the_exception_handler_without_template_source()
    {
        await using var site = new TestSite();
        site.Write("page.html", "v1 {{ n }}");
        site.Write("broken.html", "secret-source-line {% if %}");
        site.Write("fails.html", "secret-runtime {{ 1 // 0 }}");
        await site.StartAsync("Production", app =>
        {
            app.UseExceptionHandler(error => error.Run(http => http.Response.WriteAsync("handled by the app")));
            app.MapGet("/", () => Results.Extensions.Template("page.html", new { n = 1 }));
            app.MapGet("/broken", () => Results.Extensions.Template("broken.html"));
            app.MapGet("/fails", () => Results.Extensions.Template("fails.html"));
            app.MapGet("/missing", () => Results.Extensions.Template("nope.html"));
        });
        Assert.Equal("v1 1", await site.Client.GetStringAsync("/"));
        site.Write("page.html", "v2 {{ n }}");
        Assert.Equal("v1 1", await site.Client.GetStringAsync("/"));

        foreach (var path in new[] { "/broken", "/fails", "/missing" })
        {
            var response = await site.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal("handled by the app", body);
        }
        var errors = site.Logs.Messages(Category, LogLevel.Error).ToList();
        Assert.Contains(errors, m => m.StartsWith("Template broken.html failed to compile", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.StartsWith("Template fails.html failed to render", StringComparison.Ordinal) && m.Contains("line 1"));
        Assert.Contains(errors, m => m.StartsWith("Template nope.html was not found", StringComparison.Ordinal));
        Assert.Equal("v1 1", await site.Client.GetStringAsync("/"));
    }

    public sealed class Account
    {
        public string Name { get; } = "ann";
        public string Secret() => "s3cret";
    }

    [Fact]
    public async Task A_member_the_sandbox_refuses_is_a_logged_500_and_the_server_keeps_serving()
    {
        await using var site = new TestSite();
        site.Write("account.html", "{{ account.Name }} {{ account.Secret() }}");
        site.Write("ok.html", "fine");
        await site.StartAsync("Production", app =>
        {
            app.UseExceptionHandler(error => error.Run(http => http.Response.WriteAsync("error page")));
            app.MapGet("/account", () => Results.Extensions.Template("account.html", new { account = new Account() }));
            app.MapGet("/ok", () => Results.Extensions.Template("ok.html"));
        });
        var response = await site.Client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("s3cret", await response.Content.ReadAsStringAsync());
        Assert.Contains(site.Logs.Entries, e => e.Category == Category && e.Level == LogLevel.Error && e.Exception is TemplateSecurityException);
        Assert.Equal("fine", await site.Client.GetStringAsync("/ok"));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_page_cancels_the_render_quietly()
    {
        await using var site = new TestSite();
        site.Write("endless.html", "{% for row in rows %}{{ row }}{% endfor %}");
        site.Write("ok.html", "still here");
        IEnumerable<string> Rows()
        {
            for (var i = 0; ; i++)
            {
                if (i > 2_000_000) throw new InvalidOperationException("the render was never cancelled");
                if (i % 500 == 0) Thread.Sleep(1);
                yield return new string('y', 100);
            }
        }
        await site.StartAsync("Production", app =>
        {
            app.MapGet("/endless", (HttpContext http) => Results.Extensions.Template("endless.html", new { rows = Rows() }));
            app.MapGet("/ok", () => Results.Extensions.Template("ok.html"));
        });
        using (var cancel = new CancellationTokenSource())
        {
            var response = await site.Client.GetAsync("/endless", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var body = await response.Content.ReadAsStreamAsync(cancel.Token);
            Assert.True(await body.ReadAsync(new byte[1024], cancel.Token) > 0);
            cancel.Cancel();
            response.Dispose();
        }
        await WaitFor(() => site.Logs.Messages(Category).Any(m => m == "Render of endless.html stopped: the client disconnected"));
        Assert.DoesNotContain(site.Logs.Entries, e => e.Category == Category && e.Level >= LogLevel.Error);
        Assert.Equal("still here", await site.Client.GetStringAsync("/ok"));
    }

    [Fact]
    public async Task Renders_and_compilations_are_counted_on_the_meter_and_slow_renders_logged()
    {
        var measurements = new List<(string Instrument, double Value, string? Template, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == KidaMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? template = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "kida.template") template = tag.Value as string;
                if (tag.Key == "kida.outcome") outcome = tag.Value as string;
            }
            lock (measurements) measurements.Add((instrument.Name, value, template, outcome));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await using var site = new TestSite();
        site.Write("slow.html", "{% for x in items %}{{ x }}{% endfor %}");
        IEnumerable<int> Slow() { Thread.Sleep(30); yield return 1; }
        await site.StartAsync("Production", app => app.MapGet("/", () => Results.Extensions.Template("slow.html", new { items = Slow() })),
            o => o.SlowRenderThreshold = TimeSpan.FromMilliseconds(5));
        for (var i = 0; i < 3; i++) Assert.Equal("1", await site.Client.GetStringAsync("/"));
        listener.RecordObservableInstruments();
        // The listener hears every site in the process (the meter has one name), and on a loaded machine other tests'
        // renders take 25 ms too: only this test's template counts.
        lock (measurements)
        {
            Assert.Equal(3, measurements.Count(m => m is { Instrument: "kida.renders", Template: "slow.html", Outcome: "ok" }));
            Assert.Equal(3, measurements.Count(m => m is { Instrument: "kida.render.duration", Template: "slow.html" } && m.Value >= 0.025));
            Assert.Contains(measurements, m => m is { Instrument: "kida.compilations", Value: 1 });
        }
        Assert.Equal(3, site.Logs.Messages(Category, LogLevel.Warning).Count(m => m.StartsWith("Template slow.html rendered slowly", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("page.html", "text/html; charset=utf-8", "&lt;b&gt;")]
    [InlineData("feed.xml", "text/xml; charset=utf-8", "&lt;b&gt;")]
    [InlineData("data.json", "application/json; charset=utf-8", "<b>")]
    [InlineData("notes.txt", "text/plain; charset=utf-8", "<b>")]
    public async Task The_content_type_comes_from_the_extension_and_the_body_is_utf8(string name, string contentType, string value)
    {
        await using var site = new TestSite();
        site.Write(name, "{{ v }} · ünïcode");
        await site.StartAsync("Production", app => app.MapGet("/", () => Results.Extensions.Template(name, new { v = "<b>" })));
        var response = await site.Client.GetAsync("/");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"{value} · ünïcode", System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Typed_results_status_codes_and_the_web_globals_work_in_minimal_apis()
    {
        await using var site = new TestSite();
        site.Write("item.html", "{{ url_for('item', id=7, page=2) }}|{{ url_for('item', id=7, _external=true, _anchor='top') }}|{{ request.path }}|{{ request.query.q }}|{{ request.headers['x-demo'] }}|{{ request.method }}|{{ request.user.is_authenticated }}|{{ static_url('app.css') }}|{{ static_url('missing.css') }}");
        site.Write("gone.html", "gone {{ id }}");
        site.Write("form.html", "<form>{{ csrf_input() }}</form>{{ csrf_token() | length > 20 }}");
        File.WriteAllText(Path.Combine(site.Root, "wwwroot", "app.css"), "body{}");
        await site.StartAsync("Production", app =>
        {
            app.MapGet("/items/{id:int}", Microsoft.AspNetCore.Http.HttpResults.Results<TemplateResult, Microsoft.AspNetCore.Http.HttpResults.NotFound> (int id) =>
                id == 7 ? KidaResults.Template("item.html") : TypedResults.NotFound()).WithName("item");
            app.MapGet("/gone/{id}", (string id) => Results.Extensions.Template("gone.html", new { id }, statusCode: 410));
            app.MapGet("/form", () => Results.Extensions.Template("form.html"));
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/items/7?q=kida");
        request.Headers.Add("X-Demo", "yes");
        var text = await (await site.Client.SendAsync(request)).Content.ReadAsStringAsync();
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("body{}"u8.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal($"/items/7?page=2|http://localhost/items/7#top|/items/7|kida|yes|GET|False|/app.css?v={hash}|/missing.css", text);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync("/items/8")).StatusCode);

        var gone = await site.Client.GetAsync("/gone/x");
        Assert.Equal((HttpStatusCode)410, gone.StatusCode);
        Assert.Equal("gone x", await gone.Content.ReadAsStringAsync());

        var form = await site.Client.GetAsync("/form");
        var html = await form.Content.ReadAsStringAsync();
        Assert.Matches("^<form><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"[^\"]+\"></form>True$", html);
        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Url_for_an_unknown_name_is_a_template_error_naming_it()
    {
        await using var site = new TestSite();
        site.Write("t.html", "{{ url_for('nowhere') }}");
        await site.StartAsync("Production", app =>
        {
            app.UseExceptionHandler(error => error.Run(http => http.Response.WriteAsync("error")));
            app.MapGet("/", () => Results.Extensions.Template("t.html"));
        });
        Assert.Equal(HttpStatusCode.InternalServerError, (await site.Client.GetAsync("/")).StatusCode);
        Assert.Contains(site.Logs.Messages(Category, LogLevel.Error), m => m.Contains("url_for: no endpoint, action or route named 'nowhere'"));
    }

    [Fact]
    public async Task Templates_come_from_an_embedded_file_provider_and_options_bind_from_configuration()
    {
        await using var site = new TestSite();
        var embedded = new EmbeddedFileProvider(typeof(HostingTests).Assembly, "Kida.AspNetCore.Tests.Embedded");
        await site.StartAsync("Production", app => app.MapGet("/", () => Results.Extensions.Template("page.html", new { name = "ok" })),
            o => o.FileProvider = embedded);
        Assert.Equal("<main>embedded ok</main>", await site.Client.GetStringAsync("/"));

        await using var configured = new TestSite();
        Directory.CreateDirectory(Path.Combine(configured.Root, "Pages"));
        File.WriteAllText(Path.Combine(configured.Root, "Pages", "p.html"), "{% if true %}\n  from Pages\n{% endif %}\n");
        await configured.StartAsync("Production", app => app.MapGet("/", () => Results.Extensions.Template("p.html")),
            settings: new() { ["Kida:TemplateRoot"] = "Pages", ["Kida:TrimBlocks"] = "true", ["Kida:LstripBlocks"] = "true" });
        Assert.Equal("  from Pages\n", await configured.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_template_folder_created_after_start_up_is_found_without_a_restart()
    {
        await using var site = new TestSite();
        Directory.Delete(site.Templates, recursive: true);
        await site.StartAsync("Development", app =>
        {
            app.UseExceptionHandler(error => error.Run(http => http.Response.WriteAsync("not yet")));
            app.MapGet("/", () => Results.Extensions.Template("late.html"));
        });
        Assert.Equal(HttpStatusCode.InternalServerError, (await site.Client.GetAsync("/")).StatusCode);
        site.Write("late.html", "arrived");
        Assert.Equal("arrived", await site.Client.GetStringAsync("/"));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
