using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kida.AspNetCore.Web;

/// <summary>
/// The globals of one request's render: <c>request</c>, <c>url_for</c>, <c>csrf_token</c>, <c>csrf_input</c> and
/// <c>static_url</c>, plus any extra values the caller adds. Each is made on first use, so a page that uses none costs
/// one small object. Visible everywhere the render reaches, shadowed by the page's own variables.
/// </summary>
public sealed class WebGlobals : IReadOnlyDictionary<string, object?>
{
    private static readonly string[] BuiltinNames = ["request", "url_for", "csrf_token", "csrf_input", "static_url"];

    private readonly HttpContext _http;
    private readonly IReadOnlyDictionary<string, object?>? _extra;
    private RequestView? _request;
    private AntiforgeryFunctions? _antiforgery;

    /// <summary>The globals of <paramref name="http"/>'s render.</summary>
    /// <param name="http">The request being answered; its services give the link generator, antiforgery and static files.</param>
    /// <param name="extra">More globals for this render (they win over the built-in names); null for none.</param>
    public WebGlobals(HttpContext http, IReadOnlyDictionary<string, object?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _extra = extra;
    }

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_extra is not null && _extra.TryGetValue(key, out value)) return true;
        switch (key)
        {
            case "request": value = _request ??= new RequestView(_http.Request); return true;
            case "url_for": value = new UrlForFunction(_http, _http.RequestServices.GetRequiredService<LinkGenerator>()); return true;
            case "csrf_token": value = Antiforgery().Token; return true;
            case "csrf_input": value = Antiforgery().Input; return true;
            case "static_url": value = _http.RequestServices.GetRequiredService<StaticFileVersions>().Function(_http.Request.PathBase); return true;
            default: value = null; return false;
        }
    }

    private AntiforgeryFunctions Antiforgery() =>
        _antiforgery ??= new AntiforgeryFunctions(_http, _http.RequestServices.GetRequiredService<IAntiforgery>());

    /// <inheritdoc />
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <inheritdoc />
    public IEnumerable<string> Keys => _extra is null ? BuiltinNames : BuiltinNames.Union(_extra.Keys);

    /// <inheritdoc />
    public IEnumerable<object?> Values => Keys.Select(k => this[k]);

    /// <inheritdoc />
    public int Count => Keys.Count();

    /// <inheritdoc />
    public bool ContainsKey(string key) => (_extra?.ContainsKey(key) ?? false) || BuiltinNames.Contains(key);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
