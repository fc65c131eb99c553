using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kida.AspNetCore.Tests;

/// <summary>A throw-away app on a TestServer over a temporary content root with a <c>Templates/</c> folder.</summary>
public sealed class TestSite : IAsyncDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("kida-web-").FullName;
    public TestLogs Logs { get; } = new();
    public WebApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public string Templates => Path.Combine(Root, "Templates");

    public TestSite()
    {
        Directory.CreateDirectory(Templates);
        Directory.CreateDirectory(Path.Combine(Root, "wwwroot"));
    }

    public void Write(string name, string text)
    {
        var path = Path.Combine(Templates, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        // Make the change visible to a write-time comparison even when two writes fall in one timestamp tick.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref _edits)));
    }

    private static int _edits;

    public async Task<TestSite> StartAsync(string environment, Action<WebApplication> map, Action<KidaOptions>? configure = null,
        Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(Templates);
        Directory.CreateDirectory(Path.Combine(Root, "wwwroot"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = Root, WebRootPath = Path.Combine(Root, "wwwroot") });
        builder.WebHost.UseTestServer();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddKida(configure);
        services?.Invoke(builder.Services);
        App = builder.Build();
        map(App);
        await App.StartAsync();
        Client = App.GetTestClient();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
