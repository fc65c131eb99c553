using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Kida.AspNetCore;

/// <summary>
/// A minimal-API result that renders a Kida template into the response (streamed, UTF-8, content type from the
/// template's extension). Made by <c>Results.Extensions.Template(…)</c> or <see cref="KidaResults.Template"/>; as a
/// concrete type it also goes into <c>Results&lt;TemplateResult, NotFound&gt;</c> for typed handlers.
/// </summary>
/// <example>
/// <code>
/// app.MapGet("/", () =&gt; Results.Extensions.Template("index.html", new { title = "Home" }));
/// app.MapGet("/p/{id}", Results&lt;TemplateResult, NotFound&gt; (int id) =&gt;
///     Find(id) is { } p ? KidaResults.Template("product.html", p) : TypedResults.NotFound());
/// </code>
/// </example>
public sealed class TemplateResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    /// <summary>Creates the result.</summary>
    /// <param name="templateName">The template's name in the template folder.</param>
    /// <param name="model">The page's variables; null for none.</param>
    /// <param name="statusCode">The status code (default 200).</param>
    /// <param name="contentType">The content type; null takes it from the template's extension.</param>
    public TemplateResult(string templateName, object? model = null, int statusCode = StatusCodes.Status200OK, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        TemplateName = templateName;
        Model = model;
        StatusCode = statusCode;
        ContentType = contentType ?? TemplateResponseWriter.ContentTypeFor(templateName);
    }

    /// <summary>The template rendered.</summary>
    public string TemplateName { get; }

    /// <summary>The page's variables.</summary>
    public object? Model { get; }

    /// <summary>The response's status code.</summary>
    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>The response's content type.</summary>
    public string ContentType { get; }

    /// <summary>Globals for this render only, beside <c>request</c>, <c>url_for</c> and the others; null for none.</summary>
    public IReadOnlyDictionary<string, object?>? Globals { get; init; }

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var writer = httpContext.RequestServices.GetService<TemplateResponseWriter>()
            ?? throw new InvalidOperationException("Kida is not registered: call builder.Services.AddKida() in Program.cs");
        return writer.WriteAsync(httpContext, TemplateName, Model, StatusCode, ContentType, Globals);
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/html"]));
    }
}

/// <summary>Template results for minimal APIs: <c>Results.Extensions.Template(…)</c>.</summary>
public static class KidaResultExtensions
{
    /// <summary>A result rendering <paramref name="templateName"/> with <paramref name="model"/>.</summary>
    /// <param name="results">Results.Extensions.</param>
    /// <param name="templateName">The template's name in the template folder.</param>
    /// <param name="model">The page's variables; null for none.</param>
    /// <param name="statusCode">The status code (default 200; e.g. 404 for a not-found page).</param>
    /// <param name="contentType">The content type; null takes it from the template's extension.</param>
    /// <returns>The result.</returns>
    public static IResult Template(this IResultExtensions results, string templateName, object? model = null,
        int statusCode = StatusCodes.Status200OK, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new TemplateResult(templateName, model, statusCode, contentType);
    }
}

/// <summary>The typed form of the template result, for handlers declared to return <c>Results&lt;TemplateResult, …&gt;</c> (the <c>TypedResults</c> style).</summary>
public static class KidaResults
{
    /// <summary>A typed result rendering <paramref name="templateName"/>.</summary>
    /// <param name="templateName">The template's name in the template folder.</param>
    /// <param name="model">The page's variables; null for none.</param>
    /// <param name="statusCode">The status code (default 200).</param>
    /// <param name="contentType">The content type; null takes it from the template's extension.</param>
    /// <returns>The result.</returns>
    public static TemplateResult Template(string templateName, object? model = null, int statusCode = StatusCodes.Status200OK, string? contentType = null) =>
        new(templateName, model, statusCode, contentType);
}
