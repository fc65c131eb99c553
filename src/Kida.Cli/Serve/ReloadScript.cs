using System.Globalization;

namespace Kida.Cli.Serve;

/// <summary>
/// The script <c>kida serve</c> puts into every page it renders, just before the last <c>&lt;/body&gt;</c>: it listens to
/// <see cref="EventsPath"/> (Server-Sent Events) and reloads the page when the site's version moves past the one the
/// page was served at — on a <c>change</c> event, or on the <c>ready</c> event a (re)connection starts with, so an edit
/// made between the page's request and its connection, or a server restarted meanwhile, still reloads it.
/// </summary>
internal static class ReloadScript
{
    /// <summary>Where the change events are served; no site path can start with a dot-folder, so it never hides a page.</summary>
    public const string EventsPath = "/.kida/events";

    /// <summary>The opening tag, by which the script is recognised (tests take it out to compare with <c>kida render</c>).</summary>
    public const string Marker = "<script data-kida-serve>";

    public static string For(long version) => string.Create(CultureInfo.InvariantCulture,
        $"{Marker}(function(){{var v={version},s=new EventSource(\"{EventsPath}\");function f(e){{if(+e.data>v){{s.close();location.reload();}}}}s.addEventListener(\"ready\",f);s.addEventListener(\"change\",f);}})();</script>");

    /// <summary><paramref name="html"/> with the script before its last <c>&lt;/body&gt;</c> (any case), or at its end when it has none.</summary>
    public static string Inject(string html, long version)
    {
        var script = For(version);
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + script : string.Concat(html.AsSpan(0, at), script, html.AsSpan(at));
    }
}
