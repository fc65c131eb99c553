using Kida.AspNetCore.Hosting;
using Kida.AspNetCore.Mvc;
using Kida.AspNetCore.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kida.AspNetCore;

/// <summary>Registers Kida in an ASP.NET Core app.</summary>
public static class KidaServiceCollectionExtensions
{
    /// <summary>
    /// Adds one singleton <see cref="TemplateEnvironment"/> over the template folder (the content root's <c>Templates/</c>
    /// by default, read through an <see cref="IFileProvider"/>), the <see cref="TemplateResponseWriter"/> behind
    /// <c>Results.Extensions.Template</c>, the MVC view engine (used when MVC is added), antiforgery for
    /// <c>csrf_input()</c>, <c>static_url</c>'s hash cache and the <c>Kida.AspNetCore</c> meter. Options bind from the
    /// <c>"Kida"</c> configuration section, then <paramref name="configure"/> runs. In Development templates reload when
    /// their files change; elsewhere each is compiled once.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Changes the options after configuration binding; null for none.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <example>
    /// <code>
    /// var builder = WebApplication.CreateBuilder(args);
    /// builder.Services.AddKida(o =&gt; o.TrimBlocks = true);
    /// var app = builder.Build();
    /// app.MapGet("/", () =&gt; Results.Extensions.Template("index.html", new { title = "Home" }));
    /// </code>
    /// </example>
    public static IServiceCollection AddKida(this IServiceCollection services, Action<KidaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<KidaOptions>().BindConfiguration("Kida");
        if (configure is not null) options.Configure(configure);
        services.AddAntiforgery();
        services.AddMetrics();
        services.TryAddSingleton(CreateEnvironment);
        services.TryAddSingleton<KidaMetrics>();
        services.TryAddSingleton<TemplateResponseWriter>();
        services.TryAddSingleton<StaticFileVersions>();
        services.TryAddSingleton<KidaViewEngine>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<MvcViewOptions>, KidaMvcViewOptionsSetup>());
        return services;
    }

    private static TemplateEnvironment CreateEnvironment(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KidaOptions>>().Value;
        var host = services.GetRequiredService<IWebHostEnvironment>();
        var reload = options.AutoReload ?? host.IsDevelopment();
        var files = options.FileProvider ?? Folder(host, options.TemplateRoot);
        var settings = new TemplateEnvironmentOptions
        {
            Loader = new FileProviderTemplateLoader(files, watch: reload),
            AutoReload = reload,
            TrimBlocks = options.TrimBlocks,
            LstripBlocks = options.LstripBlocks,
            StrictUndefined = options.StrictUndefined,
            Dialect = options.Dialect,
        };
        if (options.ConfigureEnvironment is { } change) settings = change(settings);
        var environment = new TemplateEnvironment(settings);
        options.Configure?.Invoke(environment);
        return environment;
    }

    private static IFileProvider Folder(IWebHostEnvironment host, string root)
    {
        var path = string.IsNullOrEmpty(root) ? host.ContentRootPath : Path.Combine(host.ContentRootPath, root);
        if (Directory.Exists(path)) return new PhysicalFileProvider(path);
        // A missing folder is not an error at start-up: the first template asked for reports it, with its name, and
        // a folder created later (a `kida serve` site that gains templates/) is found without a restart.
        return new SubfolderFileProvider(host.ContentRootFileProvider, root.Replace('\\', '/').Trim('/'));
    }

    /// <summary>Puts the Kida view engine first in MVC's list, so <c>.html</c> views win and Razor still serves <c>.cshtml</c>.</summary>
    private sealed class KidaMvcViewOptionsSetup(KidaViewEngine engine) : IConfigureOptions<MvcViewOptions>
    {
        public void Configure(MvcViewOptions options) => options.ViewEngines.Insert(0, engine);
    }
}
