using Kida.AspNetCore.Benchmarks.Catalog;
using Kida.AspNetCore.Benchmarks.Endpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kida.AspNetCore.Benchmarks;

/// <summary>
/// The app under load, in this process: Kestrel on 127.0.0.1 at a port the OS picks, Production environment (each
/// template compiled once, no reload), no logging providers (the same for every engine; Kida's and MVC's log calls
/// still run, their output goes nowhere). Routes: <c>/kida</c>, <c>/razor</c> (MVC views), <c>/fluid</c> (a minimal-API
/// result), <c>/kida-api</c> (Kida's minimal-API result), <c>/kida-sync</c> (an experiment: a synchronous render),
/// <c>/static</c> and <c>/mvc-static</c> (the finished page, minimal API and MVC: the baselines).
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    private const string KidaPageTemplate = "Views/KidaPage/Index.html";

    // What the minimal-API Kida routes render: the MVC view's template, whose variable is "model" (read-only, shared).
    private static readonly Dictionary<string, object?> KidaApiModel = new(StringComparer.Ordinal) { ["model"] = CatalogData.Page };

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Where the server listens (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Address { get; }

    /// <summary>Builds and starts the app.</summary>
    /// <returns>The running server.</returns>
    public static async Task<BenchServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = ["--urls", "http://127.0.0.1:0"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddKida();
        builder.Services.AddControllersWithViews();
        builder.Services.AddSingleton(new FluidPages(Path.Combine(AppContext.BaseDirectory, "Templates", "fluid")));

        var app = builder.Build();
        app.MapControllers();
        app.MapGet("/fluid", (FluidPages pages) => new FluidPageResult(pages, CatalogData.Page));
        // Kida's own minimal-API result (the package's Results.Extensions.Template), beside Fluid's.
        app.MapGet("/kida-api", () => Results.Extensions.Template(KidaPageTemplate, KidaApiModel));
        // Experiment, not the package: the same template rendered synchronously on the request's thread into the
        // response's PipeWriter, then one flush — no worker thread, no channel, no chunk strings.
        app.MapGet("/kida-sync", async (HttpContext http, TemplateResponseWriter kida) =>
        {
            var template = kida.Load(KidaPageTemplate);
            http.Response.ContentType = "text/html; charset=utf-8";
            var writer = new PipeTextWriter(http.Response.BodyWriter);
            template.Render(writer, KidaApiModel, new Kida.AspNetCore.Web.WebGlobals(http), http.RequestAborted);
            writer.Flush();
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        });
        app.MapGet("/static", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.Body.WriteAsync(StaticPage.Utf8);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BenchServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
