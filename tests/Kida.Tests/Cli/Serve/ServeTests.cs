using System.Net;
using System.Net.Sockets;
using System.Text;
using Kida.Cli.Serve;

namespace Kida.Tests.Cli.Serve;

/// <summary>
/// <c>kida serve</c> in-process on a free port against a copy of the example site: pages equal what <c>kida render</c>
/// writes, a file edit sends a change event and shows on the next request (content, data, layouts: nothing cached), a
/// broken page answers 500 with its caret snippet escaped and recovers on the next good edit, paths outside the site are
/// refused.
/// </summary>
public sealed class ServeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_page_is_what_kida_render_writes_for_it_plus_the_reload_script()
    {
        await using var served = await ServedSite.StartAsync((box, _) =>
            box.Write("site/content/team.md", "---\ntitle: Team\npermalink: /about/team/\n---\nWe walk.\n"));
        var rendered = served.Box.PathOf("out");
        var run = served.Box.Run("render", served.Site, "--out", rendered, "--quiet", "--workers", "1");
        Assert.True(run.ExitCode == 0, run.ToString());

        var pages = CliSandbox.Snapshot(rendered).Where(f => f.Key.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Equal(337, pages.Count);
        foreach (var (path, bytes) in pages)
        {
            using var response = await served.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(Encoding.UTF8.GetString(bytes) == ServedSite.WithoutReloadScript(html), $"{path} differs from kida render's");
        }

        // A folder's URL is its index page; the static stylesheet comes as it is.
        Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(rendered, "index.html"))),
            ServedSite.WithoutReloadScript(await served.Client.GetStringAsync("/")));
        Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(rendered, "about/team/index.html"))),
            ServedSite.WithoutReloadScript(await served.Client.GetStringAsync("/about/team/")));
        using var css = await served.Client.GetAsync("/style.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(served.Site, "static/style.css")), await css.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Paths_without_html_find_the_page_or_redirect_to_the_folder_and_unknown_paths_are_404_with_the_script()
    {
        await using var served = await ServedSite.StartAsync((box, _) =>
            box.Write("site/content/team.md", "---\ntitle: Team\npermalink: /about/team/\n---\nWe walk.\n"));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = served.Server.Url };

        Assert.Equal(await served.Client.GetStringAsync("/faq.html"), await served.Client.GetStringAsync("/faq"));
        using var redirect = await noRedirects.GetAsync("/about/team?x=1");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("/about/team/?x=1", redirect.Headers.Location?.OriginalString);

        using var missing = await served.Client.GetAsync("/nowhere.html");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var body = await missing.Content.ReadAsStringAsync();
        Assert.Contains("/nowhere.html", body);
        Assert.Contains(ReloadScript.Marker, body);
    }

    [Fact]
    public async Task An_edit_sends_a_change_event_and_the_next_request_shows_it()
    {
        await using var served = await ServedSite.StartAsync();
        var before = await served.Client.GetStringAsync("/about.html");
        Assert.Contains("<h1>About us</h1>", before);
        await using var events = await EventStream.OpenAsync(served.Client);
        Assert.Equal("text/event-stream", events.ContentType);
        var (first, version) = await events.NextAsync(EventTimeout);
        Assert.Equal("ready", first);
        // The page was served at the version the stream starts from, so it does not reload on connecting.
        Assert.Contains($"var v={version},", before);

        var about = Path.Combine(served.Site, "content/about.md");
        await File.WriteAllTextAsync(about, (await File.ReadAllTextAsync(about)).Replace("title: About us", "title: About the walkers"));
        var (name, changed) = await events.NextAsync(EventTimeout);

        Assert.Equal("change", name);
        Assert.True(changed > version, $"{changed} after {version}");
        var after = await served.Client.GetStringAsync("/about.html");
        Assert.Contains("<h1>About the walkers</h1>", after);
        Assert.Contains($"var v={changed},", after);
        // Every page's navigation comes from site.pages: the site was loaded again, not only the edited page.
        Assert.Contains(">About<", await served.Client.GetStringAsync("/faq.html"));
    }

    [Fact]
    public async Task Data_and_layout_edits_show_on_the_next_request()
    {
        await using var served = await ServedSite.StartAsync();
        Assert.Contains("Gear for long walks, rendered by Kida", await served.Client.GetStringAsync("/about.html"));
        await using var events = await EventStream.OpenAsync(served.Client);
        await events.NextAsync(EventTimeout);

        var data = Path.Combine(served.Site, "data/site.yaml");
        await File.WriteAllTextAsync(data, (await File.ReadAllTextAsync(data)).Replace("Gear for long walks", "Boots for long walks"));
        Assert.Equal("change", (await events.NextAsync(EventTimeout)).Name);
        Assert.Contains("Boots for long walks, rendered by Kida", await served.Client.GetStringAsync("/about.html"));

        // base.html is the layout three levels above a product page: the page's own template did not change.
        var product = CliSandbox.Snapshot(Path.Combine(served.Site, "content/products")).Keys.First();
        var productUrl = "/products/" + Path.ChangeExtension(product, ".html");
        Assert.DoesNotContain("<!-- edited layout -->", await served.Client.GetStringAsync(productUrl));
        var layout = Path.Combine(served.Site, "templates/base.html");
        await File.WriteAllTextAsync(layout, (await File.ReadAllTextAsync(layout)).Replace("</body>", "<!-- edited layout -->\n</body>"));
        Assert.Equal("change", (await events.NextAsync(EventTimeout)).Name);
        var edited = await served.Client.GetStringAsync(productUrl);
        Assert.Contains("<!-- edited layout -->\n" + ReloadScript.Marker, edited);
    }

    [Fact]
    public async Task A_syntax_error_is_a_500_page_with_the_escaped_caret_snippet_and_the_next_good_edit_recovers()
    {
        await using var served = await ServedSite.StartAsync();
        await using var events = await EventStream.OpenAsync(served.Client);
        await events.NextAsync(EventTimeout);
        var template = Path.Combine(served.Site, "templates/page.html");
        var good = await File.ReadAllTextAsync(template);

        await File.WriteAllTextAsync(template, good.Replace("<h1>{{ page.title }}</h1>", "<h1>{{ page.title }</h1>"));
        await events.NextAsync(EventTimeout);
        using var broken = await served.Client.GetAsync("/about.html");

        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        var html = await broken.Content.ReadAsStringAsync();
        Assert.Contains("unexpected &#39;}&#39;", html);
        Assert.Contains("--&gt; page.html:4:19", html);
        Assert.Contains("4 | &lt;h1&gt;{{ page.title }&lt;/h1&gt;\n  |                   ^", html);
        Assert.Contains("line 4, column 19", html);
        Assert.DoesNotContain("<h1>{{", html);
        Assert.Contains(ReloadScript.Marker, html);
        Assert.Contains("templates/page.html:4:19: unexpected '}'", served.Error);

        await File.WriteAllTextAsync(template, good.Replace("<h1>{{ page.title }}</h1>", "<h1>{{ page.title }} (fixed)</h1>"));
        await events.NextAsync(EventTimeout);
        using var fixedPage = await served.Client.GetAsync("/about.html");
        Assert.Equal(HttpStatusCode.OK, fixedPage.StatusCode);
        Assert.Contains("<h1>About us (fixed)</h1>", await fixedPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_runtime_error_and_a_missing_template_are_500_pages_pointing_at_their_files()
    {
        await using var served = await ServedSite.StartAsync((box, _) =>
        {
            box.Write("site/templates/divides.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ 1 // page.zero }}</p>\n{% endblock %}\n");
            box.Write("site/content/divides.md", "---\ntitle: Divides\ntemplate: divides.html\nzero: 0\n---\nText.\n");
            box.Write("site/content/no-template.md", "---\ntitle: Missing\ntemplate: nowhere.html\n---\nText.\n");
        });

        using var divides = await served.Client.GetAsync("/divides.html");
        Assert.Equal(HttpStatusCode.InternalServerError, divides.StatusCode);
        var html = await divides.Content.ReadAsStringAsync();
        Assert.Contains("--&gt; divides.html:3:", html);
        Assert.Contains("3 | &lt;p&gt;{{ 1 // page.zero }}&lt;/p&gt;", html);
        Assert.Contains(ReloadScript.Marker, html);

        using var missing = await served.Client.GetAsync("/no-template.html");
        Assert.Equal(HttpStatusCode.InternalServerError, missing.StatusCode);
        var text = await missing.Content.ReadAsStringAsync();
        Assert.Contains("content/no-template.md</code>, line 3, column 1", text);
        Assert.Contains("template &#39;nowhere.html&#39; was not found", text);
        Assert.Contains("3 | template: nowhere.html", served.Error);
    }

    [Fact]
    public async Task A_path_outside_the_site_is_refused()
    {
        await using var served = await ServedSite.StartAsync((box, _) =>
        {
            box.Write("secret.txt", "the secret beside the site");
            box.Write("site/static/.hidden", "hidden bytes");
        });
        // Raw requests: an HttpClient would remove the dot segments before sending them.
        foreach (var target in new[] { "/..%2Fsecret.txt", "/%2e%2e%2fsecret.txt", "/static%2F..%2F..%2Fsecret.txt", "/a/..%2F..%2F..%2Fsecret.txt", "/.hidden", "/%2ehidden" })
        {
            var (status, body) = await RawGetAsync(served.Server.Url, target);
            Assert.True(status == 400, $"{target}: {status}");
            Assert.DoesNotContain("secret beside", body);
            Assert.DoesNotContain("hidden bytes", body);
        }
        // Dot segments Kestrel can see are resolved against the root, never above it.
        foreach (var target in new[] { "/../secret.txt", "/../../site/static/style.css/../../secret.txt" })
        {
            var (status, body) = await RawGetAsync(served.Server.Url, target);
            Assert.True(status == 404, $"{target}: {status}");
            Assert.DoesNotContain("secret beside", body);
        }
    }

    [Fact]
    public async Task The_command_prints_its_url_serves_until_cancelled_and_stops_cleanly()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => new ServeCommand(new Kida.Cli.CliConsole(TextWriter.Synchronized(output), error)).RunAsync(site, 0, stop.Token));

        var url = await WaitForUrlAsync(output, run);
        Assert.StartsWith("http://127.0.0.1:", url);
        using var client = new HttpClient();
        Assert.Contains("<h1>", await client.GetStringAsync(url + "faq.html"));
        stop.Cancel();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.EndsWith("Stopped." + Environment.NewLine, output.ToString());
        Assert.Equal("", error.ToString());
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(url));
    }

    [Fact]
    public async Task A_port_in_use_a_bad_port_and_a_missing_site_are_errors()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var inUse = await Serve(site, port);
        Assert.True(inUse.ExitCode == 1, inUse.ToString());
        Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port}:", inUse.Error);

        var badPort = box.Run("serve", site, "--port", "70000");
        Assert.True(badPort.ExitCode == 2, badPort.ToString());
        Assert.Contains("--port must be 0 to 65535, not 70000", badPort.Error);

        var noSite = box.Run("serve", box.PathOf("nowhere"), "--port", "0");
        Assert.True(noSite.ExitCode == 2, noSite.ToString());
        Assert.Contains("does not exist", noSite.Error);
    }

    private static async Task<CliRun> Serve(string site, int port)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new ServeCommand(new Kida.Cli.CliConsole(output, error)).RunAsync(site, port, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static async Task<string> WaitForUrlAsync(StringWriter output, Task<int> run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (run.IsCompleted) Assert.Fail($"serve ended early with {await run}: {output}");
            var text = output.ToString();
            var at = text.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf(' ', at) is var end and > 0) return text[at..end];
            await Task.Delay(20);
        }
        throw new TimeoutException("serve printed no URL: " + output);
    }

    /// <summary>A GET with the request target exactly as given, over a plain socket.</summary>
    private static async Task<(int Status, string Body)> RawGetAsync(Uri server, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
