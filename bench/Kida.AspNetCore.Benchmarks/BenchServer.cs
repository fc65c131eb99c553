using Kida.AspNetCore.Benchmarks.Catalog;
using Kida.AspNetCore.Benchmarks.Endpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kida.AspNetCore.Benchmarks;

/// <summary>
/// The app under load, in this process: Kestrel on 127.0.0.1 at a port the OS picks, Production environment (each
/// template compiled once, no reload), no logging providers (the same for every engine; Kida's and MVC's log calls
/// still run, their output goes nowhere). Routes: <c>/kida</c>, <c>/razor</c> (MVC views), <c>/fluid</c> (a minimal-API
/// result), <c>/static</c> and <c>/mvc-static</c> (the finished page, minimal API and MVC: the baselines).
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

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
