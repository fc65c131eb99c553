using Kida.Runtime.Values;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kida.AspNetCore.Web;

/// <summary>
/// The <c>url_for(name, **values)</c> global, through the app's <see cref="LinkGenerator"/> (Flask's <c>url_for</c>).
/// <c>name</c> is tried as an endpoint name (<c>.WithName("product")</c>), then as <c>Controller.Action</c>
/// (<c>"Products.Detail"</c>, area from an <c>area</c> value), then as a route name. The other named arguments are
/// route values; values that are not route parameters become the query string. <c>_external=true</c> gives an absolute
/// URL, <c>_anchor="x"</c> appends <c>#x</c>. An unknown name raises a template error naming it.
/// </summary>
/// <example><code>&lt;a href="{{ url_for('product', id=p.id) }}"&gt; {{ url_for('Home.Index', _external=true) }}</code></example>
internal sealed class UrlForFunction(HttpContext http, LinkGenerator links) : IPyCallable
{
    public object? Call(CallArguments args)
    {
        if (args.Get(0, "endpoint") is not { } target || target is Undefined)
            throw new TemplateRuntimeException("url_for() needs an endpoint, Controller.Action or route name");
        var name = target.ToString()!;
        var values = new RouteValueDictionary();
        var external = false;
        string? anchor = null;
        foreach (var (key, value) in args.Named)
        {
            switch (key)
            {
                case "endpoint": break;
                case "_external": external = value is true; break;
                case "_anchor": anchor = value?.ToString(); break;
                default: values[key] = value is Undefined ? null : value?.ToString(); break;
            }
        }
        var path = Resolve(name, values)
            ?? throw new TemplateRuntimeException($"url_for: no endpoint, action or route named '{name}' matches the values given");
        if (anchor is not null) path += "#" + Uri.EscapeDataString(anchor);
        if (!external) return path;
        var request = http.Request;
        return $"{request.Scheme}://{request.Host}{path}";
    }

    private string? Resolve(string name, RouteValueDictionary values)
    {
        if (links.GetPathByName(http, name, values) is { } byName) return byName;
        var dot = name.LastIndexOf('.');
        if (dot > 0 && dot < name.Length - 1)
        {
            var controller = name[..dot];
            var action = name[(dot + 1)..];
            if (links.GetPathByAction(http, action, controller, values) is { } byAction) return byAction;
        }
        return links.GetPathByRouteValues(http, name, values);
    }
}
