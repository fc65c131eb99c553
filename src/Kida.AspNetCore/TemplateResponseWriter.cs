using System.Diagnostics;
using System.Text;
using Kida.AspNetCore.Hosting;
using Kida.AspNetCore.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kida.AspNetCore;

/// <summary>
/// Renders a template into an HTTP response: status code, content type from the template's extension, UTF-8, the
/// request's globals, streaming into the response body in chunks (never the whole page as one string), cancelled by
/// <see cref="HttpContext.RequestAborted"/>; logs compile errors, failed and slow renders and records metrics. What
/// <see cref="TemplateResult"/> and the MVC view engine use; inject it to write a template from your own endpoint code.
/// </summary>
/// <remarks>
/// Errors: a missing template raises <see cref="TemplateNotFoundException"/> and a bad one a <see cref="TemplateException"/>,
/// before anything is written, so the app's exception handler (or the Developer Exception Page, which shows the
/// template's name, line, column and the caret under the error) answers. An error after the first chunk went out
/// aborts the connection (the status line is gone). A client that disconnects ends the render quietly.
/// </remarks>
public sealed class TemplateResponseWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly TemplateEnvironment _environment;
    private readonly KidaMetrics _metrics;
    private readonly ILogger _logger;
    private readonly long _slowTicks;

    /// <summary>Created by dependency injection (<see cref="KidaServiceCollectionExtensions.AddKida"/>).</summary>
    /// <param name="environment">The app's template environment.</param>
    /// <param name="metrics">Where renders are counted.</param>
    /// <param name="options">The slow-render threshold.</param>
    /// <param name="loggers">Logs under the <c>Kida.AspNetCore</c> category.</param>
    public TemplateResponseWriter(TemplateEnvironment environment, KidaMetrics metrics, IOptions<KidaOptions> options, ILoggerFactory loggers)
    {
        _environment = environment;
        _metrics = metrics;
        _logger = loggers.CreateLogger("Kida.AspNetCore");
        var threshold = options.Value.SlowRenderThreshold;
        _slowTicks = threshold <= TimeSpan.Zero ? long.MaxValue : (long)(threshold.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The environment templates come from.</summary>
    public TemplateEnvironment Environment => _environment;

    /// <summary>The content type of a template's output: from its extension (<c>.html</c> → <c>text/html; charset=utf-8</c>); <c>text/plain</c> when unknown.</summary>
    /// <param name="templateName">The template's name.</param>
    /// <returns>The media type, with <c>charset=utf-8</c> for text types.</returns>
    public static string ContentTypeFor(string templateName)
    {
        if (!ContentTypes.TryGetContentType(templateName, out var type)) type = "text/plain";
        return type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/xml" or "image/svg+xml" or "application/javascript"
            ? type + "; charset=utf-8"
            : type;
    }

    /// <summary>Loads <paramref name="templateName"/>, logging a compile error or a missing template with its location.</summary>
    /// <param name="templateName">The template's name in the template folder.</param>
    /// <returns>The compiled template.</returns>
    /// <exception cref="TemplateException">The template does not exist or does not compile.</exception>
    public Template Load(string templateName)
    {
        try
        {
            return _environment.GetTemplate(templateName);
        }
        catch (TemplateNotFoundException e)
        {
            KidaLog.NotFound(_logger, templateName, e.Reason);
            throw;
        }
        catch (TemplateException e)
        {
            KidaLog.CompileFailed(_logger, e.TemplateName ?? templateName, e.Reason, e.Line, e.Column, e.Code, e);
            throw;
        }
    }

    /// <summary>Renders <paramref name="templateName"/> into <paramref name="http"/>'s response.</summary>
    /// <param name="http">The request to answer.</param>
    /// <param name="templateName">The template's name in the template folder.</param>
    /// <param name="model">The page's variables: an object (its public properties), a dictionary or JSON; null for none.</param>
    /// <param name="statusCode">The response status; null leaves it (200 unless something set it).</param>
    /// <param name="contentType">The content type; null takes it from the template's extension.</param>
    /// <param name="globals">More globals for this render, beside <c>request</c>, <c>url_for</c>…; null for none.</param>
    /// <returns>Completes when the page is written (or the client went away).</returns>
    /// <exception cref="TemplateException">The template is missing, does not compile or fails before its first chunk was sent.</exception>
    public Task WriteAsync(HttpContext http, string templateName, object? model, int? statusCode = null, string? contentType = null,
        IReadOnlyDictionary<string, object?>? globals = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(templateName);
        var template = Load(templateName);
        var response = http.Response;
        if (statusCode is { } code) response.StatusCode = code;
        response.ContentType = contentType ?? ContentTypeFor(templateName);
        return RenderAsync(http, template, model, new WebGlobals(http, globals), null);
    }

    /// <summary>
    /// Renders a loaded template into <paramref name="writer"/> (or a new UTF-8 writer over the response body) with the
    /// request's globals, logging and metrics as <see cref="WriteAsync"/> does; headers are the caller's to set.
    /// </summary>
    /// <param name="http">The request being answered.</param>
    /// <param name="template">The template to render.</param>
    /// <param name="model">The page's variables; null for none.</param>
    /// <param name="globals">This render's globals (usually a <see cref="WebGlobals"/>).</param>
    /// <param name="writer">Where the text goes; null writes UTF-8 into <see cref="HttpResponse.Body"/>. It is flushed, not disposed.</param>
    /// <returns>Completes when the page is written (or the client went away).</returns>
    public async Task RenderAsync(HttpContext http, Template template, object? model, IReadOnlyDictionary<string, object?> globals, TextWriter? writer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(template);
        var name = template.Name ?? "<string>";
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        HttpResponseStreamWriter? own = null;
        try
        {
            var target = writer ?? (own = new HttpResponseStreamWriter(http.Response.Body, Utf8));
            // RenderAsync flushes the writer after each chunk, the last one included.
            await template.RenderAsync(target, model, globals, http.RequestAborted).ConfigureAwait(false);
            outcome = "ok";
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the render stopped at its next loop step, or the write found the connection closed.
            outcome = "canceled";
            KidaLog.ClientDisconnected(_logger, name);
        }
        catch (TemplateException e)
        {
            KidaLog.RenderFailed(_logger, name, e.Reason, e.TemplateName, e.Line, e.Column, e.Code, e);
            if (!http.Response.HasStarted) throw;
            KidaLog.AbortedAfterStart(_logger, name);
            http.Abort();
        }
        finally
        {
            if (own is not null)
            {
                try { await own.DisposeAsync().ConfigureAwait(false); }
                catch (Exception e) when (e is IOException or OperationCanceledException && http.RequestAborted.IsCancellationRequested) { }
            }
            var elapsed = Stopwatch.GetTimestamp() - started;
            _metrics.Rendered(name, outcome, (double)elapsed / Stopwatch.Frequency);
            if (elapsed > _slowTicks)
                KidaLog.SlowRender(_logger, name, elapsed * 1000 / Stopwatch.Frequency, _slowTicks * 1000 / Stopwatch.Frequency);
        }
    }
}
