using System.Net;
using Kida.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kida.Cli.Serve;

/// <summary>
/// <c>kida serve</c>'s web server: Kestrel on the loopback address, Kida registered with <c>AddKida</c> over the site's
/// <c>templates/</c> (change tokens, auto-reload), every request answered by <see cref="SiteRequests"/>, and the
/// change events for the reload script. Configuration, logging and the content root are the site's command line only,
/// never an <c>appsettings.json</c> or environment variable that happens to be around.
/// </summary>
internal sealed class SiteServer : IAsyncDisposable
{
    /// <summary>How long the site folder must stay quiet before a change is announced to browsers.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;
    private readonly SiteWatcher _watcher;

    private SiteServer(WebApplication app, SiteWatcher watcher, Uri url)
    {
        _app = app;
        _watcher = watcher;
        Url = url;
    }

    /// <summary>The address the server listens on (<c>http://127.0.0.1:PORT/</c>, the port chosen when 0 was asked).</summary>
    public Uri Url { get; }

    public SiteWatcher Watcher => _watcher;

    /// <summary>Starts serving <paramref name="siteDirectory"/>; throws <see cref="IOException"/> when the port cannot be bound.</summary>
    /// <param name="console">Requests and changes are printed to its output, problems to its error.</param>
    /// <param name="address">The address to listen on; the loopback address when null.</param>
    public static async Task<SiteServer> StartAsync(string siteDirectory, int port, CliConsole console, IPAddress? address = null)
    {
        var root = Path.GetFullPath(siteDirectory);
        var display = siteDirectory.Replace('\\', '/').TrimEnd('/');
        if (display.Length == 0) display = ".";
        var output = TextWriter.Synchronized(console.Out);
        var error = TextWriter.Synchronized(console.Error);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = root,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address ?? IPAddress.Loopback, port));
        builder.Services.AddKida(options =>
        {
            options.TemplateRoot = "templates";
            // Every render checks its templates (and their includes and layouts) against the files.
            options.AutoReload = true;
            options.SlowRenderThreshold = TimeSpan.Zero;
        });

        var watcher = new SiteWatcher(root, Settle, paths => output.WriteLine(Changed(paths)));
        WebApplication? app = null;
        try
        {
            app = builder.Build();
            var snapshots = new SiteSnapshots(root, display, watcher, error);
            var requests = new SiteRequests(snapshots, watcher, app.Services.GetRequiredService<TemplateResponseWriter>(), output, error);
            var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            app.MapGet(ReloadScript.EventsPath, (HttpContext http) => ChangeEvents.Stream(watcher, stopping, http.RequestAborted));
            // Everything else, whatever the method (SiteRequests answers 405 to what it does not serve).
            app.MapFallback("{**path}", requests.HandleAsync);
            await app.StartAsync();
            var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new SiteServer(app, watcher, new Uri(bound.TrimEnd('/') + "/"));
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            watcher.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the server was asked to stop (Ctrl+C, SIGTERM, or <paramref name="stop"/>) and has stopped.</summary>
    public Task WaitForShutdownAsync(CancellationToken stop) => _app.WaitForShutdownAsync(stop);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _watcher.Dispose();
    }

    private static string Changed(IReadOnlyList<string> paths) => paths.Count switch
    {
        0 => "changed: the site folder (reloading open pages)",
        1 => $"changed: {paths[0]} (reloading open pages)",
        _ => $"changed: {paths[0]} and {paths.Count - 1} more (reloading open pages)",
    };
}
