using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace Kida.Cli.Serve;

/// <summary>
/// The Server-Sent Events stream at <see cref="ReloadScript.EventsPath"/>: first <c>ready</c> with the site's current
/// version, then <c>change</c> with the new version each time a burst of file changes settles. Ends when the browser
/// goes away or the server stops (so Ctrl+C does not wait for open pages).
/// </summary>
internal static class ChangeEvents
{
    /// <param name="stopping">The server's stopping token.</param>
    /// <param name="aborted">The request's abort token: a page closed ends its stream at once, not at the next change.</param>
    public static IResult Stream(SiteWatcher watcher, CancellationToken stopping, CancellationToken aborted) =>
        TypedResults.ServerSentEvents(Events(watcher, stopping, aborted));

    private static async IAsyncEnumerable<SseItem<string>> Events(SiteWatcher watcher, CancellationToken stopping, CancellationToken aborted,
        [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted, enumeration);
        // Taken before "ready" is sent: a change published in between is still delivered.
        var next = watcher.NextChange;
        yield return new SseItem<string>(Text(watcher.Version), "ready");
        while (true)
        {
            try
            {
                await next.WaitAsync(both.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            // The next wait is taken before the version is read: a burst published in between is in this version, and
            // its wait completes at once (the page then sees a version it already has, and stays).
            next = watcher.NextChange;
            yield return new SseItem<string>(Text(watcher.Version), "change");
        }
    }

    private static string Text(long version) => version.ToString(CultureInfo.InvariantCulture);
}
