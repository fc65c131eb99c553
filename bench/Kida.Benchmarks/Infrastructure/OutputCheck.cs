using System.Text;
using System.Text.RegularExpressions;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>Compares an engine's output to the expected HTML before anything is timed.</summary>
public static partial class OutputCheck
{
    /// <summary>
    /// Collapses whitespace runs to one space and trims, and maps the entity spellings peers use for quotes
    /// (<c>&amp;quot;</c> <c>&amp;#x27;</c> <c>&amp;#39;</c> <c>&amp;#x22;</c>) to Jinja2's (<c>&amp;#34;</c> and <c>&amp;#39;</c>).
    /// </summary>
    public static string Normalize(string html)
    {
        var s = html.Replace("&quot;", "&#34;").Replace("&#x22;", "&#34;").Replace("&#x27;", "&#39;").Replace("&apos;", "&#39;");
        return Whitespace().Replace(s, " ").Trim();
    }

    /// <summary>Null when the output is acceptable; otherwise a message with a snippet around the first difference.</summary>
    public static string? Check(string actual, string expected, bool exact)
    {
        if (exact)
            return actual == expected ? null : "output differs from expected byte for byte: " + Diff(expected, actual);
        var a = Normalize(actual);
        var e = Normalize(expected);
        return a == e ? null : "output differs from expected after whitespace/entity normalisation: " + Diff(e, a);
    }

    /// <summary>A short description of the first difference, with context from both sides.</summary>
    public static string Diff(string expected, string actual)
    {
        var i = 0;
        var n = Math.Min(expected.Length, actual.Length);
        while (i < n && expected[i] == actual[i]) i++;
        var from = Math.Max(0, i - 60);
        var sb = new StringBuilder();
        sb.Append($"first difference at char {i} (expected length {expected.Length}, actual length {actual.Length})").AppendLine();
        sb.Append("  expected: ").Append(Escape(Slice(expected, from, i + 60))).AppendLine();
        sb.Append("  actual:   ").Append(Escape(Slice(actual, from, i + 60)));
        return sb.ToString();
    }

    private static string Slice(string s, int from, int to) => from >= s.Length ? "<end>" : s[from..Math.Min(s.Length, to)];

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>Thrown when an engine's output does not match before timing (aborts the run).</summary>
public sealed class OutputMismatchException(string engine, string shape, string detail)
    : Exception($"{engine} / {shape}: {detail}")
{
    public string Engine { get; } = engine;
    public string Shape { get; } = shape;
}

/// <summary>A writer that only counts characters: measures rendering without the cost of keeping the text.</summary>
public sealed class CountingWriter : TextWriter
{
    public long Count { get; private set; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Count++;

    public override void Write(char[] buffer, int index, int count) => Count += count;

    public override void Write(ReadOnlySpan<char> buffer) => Count += buffer.Length;

    public override void Write(string? value) => Count += value?.Length ?? 0;

    // TextWriter's default async methods hop to the thread pool; engines with async render paths (Fluid) would
    // be timed on that hop instead of on rendering. Complete them synchronously, as StringWriter does.
    public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }

    public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }

    public override Task WriteAsync(char[] buffer, int index, int count) { Write(buffer, index, count); return Task.CompletedTask; }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value) { Write(value); WriteLine(); return Task.CompletedTask; }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Reset() => Count = 0;
}
