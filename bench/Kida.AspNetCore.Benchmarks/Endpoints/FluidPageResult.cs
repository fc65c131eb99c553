using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Kida.AspNetCore.Benchmarks.Catalog;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;

namespace Kida.AspNetCore.Benchmarks.Endpoints;

/// <summary>
/// <c>GET /fluid</c>: a minimal-API result rendering the page with Fluid straight into the response body (UTF-8,
/// <see cref="HtmlEncoder.Default"/> as Razor uses), the way Fluid's own view engine does: the templates parsed once,
/// a new <see cref="TemplateContext"/> per request over the typed model (its types registered with the member access
/// strategy), the layout as Liquid's capture + include (Fluid.Core has no <c>layout</c> tag).
/// </summary>
public sealed class FluidPageResult(FluidPages pages, CatalogPage model) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        var context = new TemplateContext(model, pages.Options);
        await using var writer = new HttpResponseStreamWriter(response.Body, FluidPages.Utf8);
        await pages.Page.RenderAsync(writer, HtmlEncoder.Default, context);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>Fluid's parsed page and options, one per app (a singleton).</summary>
public sealed class FluidPages
{
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Parses <c>page.liquid</c> from <paramref name="folder"/>; its include of <c>layout.liquid</c> is parsed on first use and cached by Fluid.</summary>
    /// <param name="folder">The folder with the Liquid templates.</param>
    public FluidPages(string folder)
    {
        Options = new TemplateOptions { FileProvider = new PhysicalFileProvider(folder) };
        Options.MemberAccessStrategy.Register<CatalogPage>();
        Options.MemberAccessStrategy.Register<Product>();
        var parser = new FluidParser();
        var source = File.ReadAllText(Path.Combine(folder, "page.liquid"));
        Page = parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException("page.liquid: " + error);
    }

    /// <summary>The options every render's context uses.</summary>
    public TemplateOptions Options { get; }

    /// <summary>The parsed page.</summary>
    public IFluidTemplate Page { get; }
}
