using System.Net;
using Kida.Runtime.Values;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Kida.AspNetCore.Web;

/// <summary>
/// The <c>csrf_token()</c> and <c>csrf_input()</c> globals through <see cref="IAntiforgery"/>: the request token, and a
/// hidden form field carrying it (the form field name the app's antiforgery options give). The cookie half is stored
/// on the first call, which must come before the response starts — within the page's first ~16K characters, or
/// anywhere in a page that short; the tokens are made once per request.
/// </summary>
/// <example><code>&lt;form method="post"&gt;{{ csrf_input() }}…&lt;/form&gt;</code></example>
internal sealed class AntiforgeryFunctions(HttpContext http, IAntiforgery antiforgery)
{
    private AntiforgeryTokenSet? _tokens;

    public IPyCallable Token => new Function(this, input: false);

    public IPyCallable Input => new Function(this, input: true);

    private AntiforgeryTokenSet Tokens()
    {
        if (_tokens is not null) return _tokens;
        if (http.Response.HasStarted)
            throw new TemplateRuntimeException(
                "csrf_token() was first called after the response had started, too late to set its cookie: call it nearer the top of the page (e.g. {% set token = csrf_token() %} in the layout's head)");
        return _tokens = antiforgery.GetAndStoreTokens(http);
    }

    private sealed class Function(AntiforgeryFunctions owner, bool input) : IPyCallable
    {
        public object? Call(CallArguments args)
        {
            var tokens = owner.Tokens();
            if (!input) return tokens.RequestToken;
            return new Markup($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(tokens.FormFieldName)}\" value=\"{WebUtility.HtmlEncode(tokens.RequestToken)}\">");
        }
    }
}
