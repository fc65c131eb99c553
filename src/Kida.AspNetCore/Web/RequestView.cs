using System.Security.Claims;
using Kida.Runtime.Values;
using Microsoft.AspNetCore.Http;

namespace Kida.AspNetCore.Web;

/// <summary>
/// The <c>request</c> global: a read-only view of the current HTTP request — <c>path</c>, <c>path_base</c>, <c>method</c>,
/// <c>scheme</c>, <c>host</c>, <c>url</c>, <c>query</c> (name → first value), <c>headers</c> (case-insensitive name → value)
/// and <c>user</c> (<c>name</c>, <c>is_authenticated</c>, <c>roles</c>, <c>is_in_role(role)</c>). Nothing in it can change
/// the request, and cookies and the request body are not reachable.
/// </summary>
/// <example><code>{% if request.path == url_for('home') %}class="active"{% endif %} {{ request.query.q }} {{ request.user.name }}</code></example>
public sealed class RequestView : IPyAttributes
{
    private readonly HttpRequest _request;
    private Dictionary<string, object?>? _query;
    private Dictionary<string, object?>? _headers;
    private UserView? _user;

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request of the render.</param>
    public RequestView(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
    }

    /// <inheritdoc />
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "path" => _request.Path.Value ?? "",
            "path_base" => _request.PathBase.Value ?? "",
            "method" => _request.Method,
            "scheme" => _request.Scheme,
            "host" => _request.Host.Value,
            "is_https" => _request.IsHttps,
            "url" => $"{_request.Scheme}://{_request.Host}{_request.PathBase}{_request.Path}{_request.QueryString}",
            "query_string" => _request.QueryString.Value ?? "",
            "query" => _query ??= Query(_request),
            "headers" => _headers ??= Headers(_request),
            "user" => _user ??= new UserView(_request.HttpContext.User),
            _ => Missing,
        };
        if (ReferenceEquals(value, Missing)) { value = null; return false; }
        return true;
    }

    private static readonly object Missing = new();

    private static Dictionary<string, object?> Query(HttpRequest request)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, values) in request.Query) result[key] = values.Count > 0 ? values[0] : "";
        return result;
    }

    private static Dictionary<string, object?> Headers(HttpRequest request)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in request.Headers) result[key] = values.ToString();
        return result;
    }

    /// <summary>The signed-in user as templates see it: <c>name</c>, <c>is_authenticated</c>, <c>roles</c>, <c>is_in_role(role)</c>.</summary>
    private sealed class UserView(ClaimsPrincipal user) : IPyAttributes
    {
        public bool TryGetAttribute(string name, out object? value)
        {
            switch (name)
            {
                case "name": value = user.Identity?.Name; return true;
                case "is_authenticated": value = user.Identity?.IsAuthenticated == true; return true;
                case "roles": value = Roles(); return true;
                case "is_in_role": value = new IsInRole(user); return true;
                default: value = null; return false;
            }
        }

        private List<object?> Roles()
        {
            var roles = new List<object?>();
            foreach (var identity in user.Identities)
                foreach (var claim in identity.FindAll(identity.RoleClaimType))
                    if (!roles.Contains(claim.Value)) roles.Add(claim.Value);
            return roles;
        }
    }

    private sealed class IsInRole(ClaimsPrincipal user) : IPyCallable
    {
        public object? Call(CallArguments args) =>
            args.GetString(0, "role", null) is { } role
                ? user.IsInRole(role)
                : throw new TemplateRuntimeException("is_in_role() needs the role's name");
    }
}
