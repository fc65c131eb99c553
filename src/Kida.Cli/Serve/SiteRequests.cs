using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kida.AspNetCore;
using Kida.AspNetCore.Web;
using Kida.Cli.Diagnostics;
using Kida.Cli.Rendering;
using Kida.Cli.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Kida.Cli.Serve;

/// <summary>
/// Answers <c>kida serve</c>'s requests. A path names what <c>kida render</c> would write there: a page (rendered now,
/// from the current files, through <see cref="TemplateResponseWriter"/> with the request's <see cref="WebGlobals"/>, the
/// reload script added), else a file of <c>static/</c> (sent as it is); a folder path (<c>/about/</c>) names its
/// <c>index.html</c>, and <c>/about</c> redirects there when that is a page, so the page's relative links resolve.
/// A page that fails shows its error with status 500; a path with <c>..</c> or a dot-segment is refused with 400.
/// </summary>
internal sealed class SiteRequests(SiteSnapshots snapshots, SiteWatcher watcher, TemplateResponseWriter writer, TextWriter output, TextWriter error)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var request = http.Request;
        var response = http.Response;
        try
        {
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                response.Headers.Allow = "GET, HEAD";
                await Text(http, StatusCodes.Status405MethodNotAllowed, "text/plain; charset=utf-8", "kida serve answers GET and HEAD only\n");
                return;
            }
            // The raw path: Kestrel has already removed "." and ".." segments it could see, not those hidden behind %2F.
            if (!RequestPaths.TryResolve(request.Path.Value, out var relative))
            {
                await Text(http, StatusCodes.Status400BadRequest, "text/plain; charset=utf-8", "refused: the path leaves the site or names a dot-file\n");
                return;
            }
            // The version is read before the site, so a page never claims to be newer than what it was made from.
            var version = watcher.Version;
            var snapshot = snapshots.Current;
            var output = RequestPaths.OutputFor(relative);
            if (snapshot.PageAt(output) is { } page)
            {
                await Page(http, snapshot.Site, page, version);
                return;
            }
            // "/about" is the page about.html if there is one (links relative to it resolve alike), else a redirect to
            // "/about/" when about/index.html is a page (its links are relative to the folder).
            var extensionless = !output.EndsWith(".html", StringComparison.Ordinal);
            if (extensionless && snapshot.PageAt(output + ".html") is { } bare)
            {
                await Page(http, snapshot.Site, bare, version);
                return;
            }
            if (extensionless && snapshot.PageAt(output + "/index.html") is not null)
            {
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = request.PathBase + request.Path + "/" + request.QueryString;
                return;
            }
            if (StaticFile(snapshot.Site, relative) is { } file)
            {
                await Static(http, file);
                return;
            }
            await Text(http, StatusCodes.Status404NotFound, "text/html; charset=utf-8", ErrorPage.NotFound(request.Path.Value ?? "/", version));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser went away (a reload while the page was rendering): nothing to answer.
        }
        catch (Exception e) when (!response.HasStarted && e is not OperationCanceledException)
        {
            // A file vanished or became unreadable between the listing and the read (an editor replacing it), or
            // something else went wrong: the server keeps serving, and says what happened (it has no other log).
            var message = e is IOException or UnauthorizedAccessException ? e.Message : e.GetType().Name + ": " + e.Message;
            var problem = new Problem(request.Path.Value ?? "/", null, null, message);
            error.WriteLine(problem.Format() + "\n");
            await Text(http, StatusCodes.Status500InternalServerError, "text/html; charset=utf-8", ErrorPage.For(problem, null, watcher.Version));
        }
        finally
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{response.StatusCode} {request.Method} {request.Path}{request.QueryString} {ms:0.0} ms"));
            }
        }
    }

    private async Task Page(HttpContext http, SiteModel site, SitePage page, long version)
    {
        if (page.Problem is { } before)
        {
            error.WriteLine(before.Format() + "\n");
            await Text(http, StatusCodes.Status500InternalServerError, "text/html; charset=utf-8", ErrorPage.For(before, null, version));
            return;
        }
        // Rendered whole before anything is sent: an error anywhere in the page still becomes an error page with status 500.
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            var template = writer.Load(page.TemplateName);
            await writer.RenderAsync(http, template, PageRenderer.Context(site, page), new WebGlobals(http), buffer);
        }
        catch (TemplateException e)
        {
            var problem = SiteTemplates.ProblemFor(site, page, e);
            var note = problem.Path == page.DisplayPath ? null : page.DisplayPath;
            error.WriteLine((problem with { Note = note is null ? null : "while rendering " + note }).Format() + "\n");
            await Text(http, StatusCodes.Status500InternalServerError, "text/html; charset=utf-8", ErrorPage.For(e, problem, note, version));
            return;
        }
        if (http.RequestAborted.IsCancellationRequested) return;
        await Text(http, StatusCodes.Status200OK, "text/html; charset=utf-8", ReloadScript.Inject(buffer.ToString(), version));
    }

    /// <summary>The file of <c>static/</c> at <paramref name="relative"/>, if there is one (never outside <c>static/</c>).</summary>
    private static string? StaticFile(SiteModel site, string relative)
    {
        if (relative.Length == 0 || relative.EndsWith('/')) return null;
        var path = Site.OutputPaths.Resolve(Path.Combine(site.Root, StaticFiles.Folder), relative);
        return path is not null && File.Exists(path) ? path : null;
    }

    private static async Task Static(HttpContext http, string path)
    {
        var response = http.Response;
        if (!ContentTypes.TryGetContentType(path, out var type)) type = "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "image/svg+xml") type += "; charset=utf-8";
        var file = new FileInfo(path);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = type;
        response.ContentLength = file.Length;
        // A preview: the browser asks again every time, so an edited stylesheet shows on the reload.
        response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsHead(http.Request.Method)) await response.SendFileAsync(path, http.RequestAborted);
    }

    private static async Task Text(HttpContext http, int status, string contentType, string text)
    {
        var response = http.Response;
        var bytes = Utf8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsHead(http.Request.Method)) await response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
