using System.Text;

namespace Kida.AspNetCore.Benchmarks.Endpoints;

/// <summary>The finished page the two baselines send (<c>/static</c>, <c>/mvc-static</c>): set once from the checked Kida page before any timing.</summary>
public static class StaticPage
{
    /// <summary>The page as text (what <c>Content(…)</c> writes).</summary>
    public static string Text { get; private set; } = "";

    /// <summary>The page as UTF-8 bytes (what the minimal-API baseline writes).</summary>
    public static ReadOnlyMemory<byte> Utf8 { get; private set; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>Sets the page.</summary>
    /// <param name="html">The page.</param>
    public static void Set(string html)
    {
        Text = html;
        Utf8 = Encoding.UTF8.GetBytes(html);
    }
}
