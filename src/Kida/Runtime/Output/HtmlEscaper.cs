using System.Buffers;

namespace Kida.Runtime.Output;

/// <summary>HTML escaping with MarkupSafe's forms: <c>&amp; &lt; &gt; &#34; &#39;</c>.</summary>
internal static class HtmlEscaper
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'\0");

    public static bool NeedsEscaping(ReadOnlySpan<char> text) => text.IndexOfAny(Special) >= 0;

    public static string Escape(string text, bool kidaQuotes = false)
    {
        var first = text.AsSpan().IndexOfAny(Special);
        if (first < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++) AppendEscaped(sb, text[i], kidaQuotes);
        return sb.ToString();
    }

    private static void AppendEscaped(System.Text.StringBuilder sb, char c, bool kidaQuotes)
    {
        switch (c)
        {
            case '&': sb.Append("&amp;"); break;
            case '<': sb.Append("&lt;"); break;
            case '>': sb.Append("&gt;"); break;
            case '"': sb.Append(kidaQuotes ? "&quot;" : "&#34;"); break;
            case '\'': sb.Append("&#39;"); break;
            case '\0': break;
            default: sb.Append(c); break;
        }
    }

    /// <summary>Escapes any value to a safe string; safe strings pass through unchanged.</summary>
    public static Markup EscapeValue(object? value) => value switch
    {
        Markup m => m,
        _ => new Markup(Escape(Values.PyFormat.Str(value))),
    };
}
