using System.Net;
using System.Text;
using Kida.AspNetCore.Benchmarks.Endpoints;

namespace Kida.AspNetCore.Benchmarks.Load;

/// <summary>
/// Before anything is timed: every renderer's page is fetched once and must be 200, <c>text/html; charset=utf-8</c> and
/// byte for byte the same HTML as the others (no normalisation); the baselines are then set to that page and checked
/// too. The bytes are what every response of the load run is compared with.
/// </summary>
public static class PageCheck
{
    /// <summary>Fetches and compares the pages.</summary>
    /// <param name="runner">A client to fetch with.</param>
    /// <param name="engines">The engines of this run.</param>
    /// <param name="log">Where to say what was checked.</param>
    /// <returns>Each engine's page; throws when they differ.</returns>
    public static async Task<Dictionary<string, byte[]>> RunAsync(LoadRunner runner, IReadOnlyList<string> engines, TextWriter log)
    {
        var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? reference = null;
        // The renderers first (Kida's page, when it runs, is the reference), then the baselines, which send that page.
        var order = engines.OrderBy(e => Array.IndexOf(Engines.Renderers, e) is var i && i < 0 ? int.MaxValue : i).ToList();
        if (!order.Any(e => Engines.Renderers.Contains(e)))
            order.Insert(0, Engines.Kida);   // the baselines need a rendered page to send
        foreach (var engine in order)
        {
            if (!Engines.Renderers.Contains(engine) && reference is not null && StaticPage.Text.Length == 0)
                StaticPage.Set(Encoding.UTF8.GetString(pages[reference]));
            var (status, type, body) = await runner.GetAsync(Engines.PathOf(engine));
            if (status != HttpStatusCode.OK)
                throw new InvalidOperationException($"{engine}: status {(int)status}: {Encoding.UTF8.GetString(body)}");
            if (type != "text/html; charset=utf-8")
                throw new InvalidOperationException($"{engine}: content type '{type}'");
            if (reference is null) reference = engine;
            else if (!body.AsSpan().SequenceEqual(pages[reference]))
                throw new InvalidOperationException($"{engine}'s page differs from {reference}'s:\n{Difference(pages[reference], body)}");
            pages[engine] = body;
        }
        log.WriteLine($"page check: {string.Join(", ", order)} send the same {pages[reference!].Length:N0} bytes of HTML (compared byte for byte, no normalisation)");
        return pages;
    }

    private static string Difference(byte[] expected, byte[] actual)
    {
        var e = Encoding.UTF8.GetString(expected);
        var a = Encoding.UTF8.GetString(actual);
        var at = 0;
        while (at < e.Length && at < a.Length && e[at] == a[at]) at++;
        var from = Math.Max(0, at - 80);
        return $"first difference at character {at}\n  expected: …{Escape(e[from..Math.Min(e.Length, at + 80)])}…\n  actual:   …{Escape(a[from..Math.Min(a.Length, at + 80)])}…";
    }

    private static string Escape(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal);
}
