using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.Extensions.Options;

namespace Kida.AspNetCore.Mvc;

/// <summary>
/// MVC's view engine for Kida templates: <c>return View(model)</c> in <c>ProductsController.Detail</c> finds
/// <c>Views/Products/Detail.html</c> (then <c>Views/Shared/Detail.html</c>; in an area <c>Areas/{area}/Views/…</c> first),
/// as template names in the app's template folder — the locations and extension are <see cref="KidaOptions"/>'.
/// Partial views (<c>PartialView()</c>, <c>&lt;partial&gt;</c> from Razor) resolve the same way. Registered by
/// <see cref="KidaServiceCollectionExtensions.AddKida"/>, before Razor's, so both can serve one app.
/// </summary>
public sealed class KidaViewEngine : IViewEngine
{
    private readonly TemplateResponseWriter _writer;
    private readonly KidaOptions _options;
    private readonly bool _cache;
    private readonly ConcurrentDictionary<string, bool> _exists = new(StringComparer.Ordinal);

    /// <summary>Created by dependency injection.</summary>
    /// <param name="writer">Renders the views.</param>
    /// <param name="options">View locations and extension.</param>
    public KidaViewEngine(TemplateResponseWriter writer, IOptions<KidaOptions> options)
    {
        _writer = writer;
        _options = options.Value;
        _cache = !writer.Environment.Options.AutoReload;
    }

    /// <inheritdoc />
    public ViewEngineResult FindView(ActionContext context, string viewName, bool isMainPage)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(viewName);
        if (IsPath(viewName)) return GetView(null, viewName, isMainPage);
        var controller = RouteValue(context, "controller");
        var area = RouteValue(context, "area");
        var file = viewName.EndsWith(_options.ViewExtension, StringComparison.OrdinalIgnoreCase) ? viewName : viewName + _options.ViewExtension;
        var formats = area is null or "" ? _options.ViewLocationFormats : _options.AreaViewLocationFormats;
        var searched = new List<string>(formats.Length);
        foreach (var format in formats)
        {
            var name = string.Format(CultureInfo.InvariantCulture, format, file, controller, area);
            if (Exists(name)) return ViewEngineResult.Found(viewName, new KidaView(name, _writer));
            searched.Add(name);
        }
        return ViewEngineResult.NotFound(viewName, searched);
    }

    /// <inheritdoc />
    public ViewEngineResult GetView(string? executingFilePath, string viewPath, bool isMainPage)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewPath);
        if (!IsPath(viewPath) || !viewPath.EndsWith(_options.ViewExtension, StringComparison.OrdinalIgnoreCase))
            return ViewEngineResult.NotFound(viewPath, []);
        var name = viewPath.StartsWith("~/", StringComparison.Ordinal) ? viewPath[2..] : viewPath.TrimStart('/');
        return Exists(name)
            ? ViewEngineResult.Found(viewPath, new KidaView(name, _writer))
            : ViewEngineResult.NotFound(viewPath, [name]);
    }

    // The action's own route values first (normalised names, as Razor's view engine takes them), then the request's.
    private static string? RouteValue(ActionContext context, string key) =>
        context.ActionDescriptor.RouteValues.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : context.RouteData.Values.TryGetValue(key, out var routed) ? routed?.ToString() : null;

    private static bool IsPath(string name) => name.StartsWith('/') || name.StartsWith("~/", StringComparison.Ordinal);

    // In production a lookup is answered once per name; in development the folder is asked each time, so a view
    // created while the app runs is found.
    private bool Exists(string name) =>
        _cache ? _exists.GetOrAdd(name, n => Probe(n)) : Probe(name);

    private bool Probe(string name) => _writer.Environment.Loader?.TryGetSource(name, out _) ?? false;
}
