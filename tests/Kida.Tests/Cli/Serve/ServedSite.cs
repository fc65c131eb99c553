using Kida.Cli;
using Kida.Cli.Serve;

namespace Kida.Tests.Cli.Serve;

/// <summary>A copy of a site in a sandbox, served in-process by <c>kida serve</c> on a free loopback port, and a client for it.</summary>
internal sealed class ServedSite : IAsyncDisposable
{
    private readonly StringWriter _error;

    private ServedSite(CliSandbox box, string site, SiteServer server, StringWriter error)
    {
        Box = box;
        Site = site;
        Server = server;
        _error = error;
        Client = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public CliSandbox Box { get; }

    public string Site { get; }

    public SiteServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>What the server printed to its error output so far (problems are printed before their response is sent).</summary>
    public string Error => _error.ToString();

    /// <summary>Copies the example site (changed by <paramref name="change"/>, if given) and serves it.</summary>
    public static async Task<ServedSite> StartAsync(Action<CliSandbox, string>? change = null)
    {
        var box = new CliSandbox();
        try
        {
            var site = box.CopyExampleSite();
            change?.Invoke(box, site);
            var error = new StringWriter();
            var server = await SiteServer.StartAsync(site, 0, new CliConsole(new StringWriter(), error));
            return new ServedSite(box, site, server, error);
        }
        catch
        {
            box.Dispose();
            throw;
        }
    }

    /// <summary>The page's HTML without the reload script, which must be there exactly once, right before the last <c>&lt;/body&gt;</c>.</summary>
    public static string WithoutReloadScript(string html)
    {
        var at = html.IndexOf(ReloadScript.Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "no reload script in the page");
        Assert.Equal(at, html.LastIndexOf(ReloadScript.Marker, StringComparison.Ordinal));
        var end = html.IndexOf("</script>", at, StringComparison.Ordinal) + "</script>".Length;
        var bodyEnd = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        if (bodyEnd >= 0) Assert.Equal(end, bodyEnd);
        return html[..at] + html[end..];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Box.Dispose();
    }
}
