using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Kida.Runtime.Values;

namespace Kida.Runtime.Output;

/// <summary>
/// Where a render writes: a pooled <c>char</c> buffer that becomes one string at the end, or is flushed to a
/// <see cref="TextWriter"/> in chunks so output never has to be held whole.
/// </summary>
internal sealed class OutputBuffer
{
    private const int FlushThreshold = 16 * 1024;
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'\0");

    private char[] _buffer;
    private int _length;
    private TextWriter? _sink;
    private bool _discard;

    /// <summary>
    /// Set by a chunked render (<c>RenderAsync</c>): called when about a chunk's worth of text is buffered, so a long
    /// page goes out in pieces even without <c>{% flush %}</c>. The handler may take the text (<see cref="TakeChunk"/>).
    /// </summary>
    internal Action? ChunkReady;

    internal bool KidaQuotes;

    // MaxOutputLength: checked only where the buffer grows or flushes (and once at the end), never per write.
    internal long Limit = long.MaxValue;
    private long _flushed;

    public OutputBuffer(int capacity = 256) => _buffer = ArrayPool<char>.Shared.Rent(capacity);

    /// <summary>A buffer that flushes to <paramref name="sink"/> whenever it holds more than a chunk.</summary>
    public static OutputBuffer ForWriter(TextWriter sink) => new(FlushThreshold * 2) { _sink = sink };

    /// <summary>A buffer that drops everything written to it.</summary>
    internal static OutputBuffer Discarding() => new(16) { _discard = true };

    public int Length => _length;

    /// <summary>Characters written so far, including those already flushed or handed out as chunks.</summary>
    internal long Position => _flushed + _length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(string text)
    {
        var len = text.Length;
        if (_length + len > _buffer.Length) { WriteSlow(text.AsSpan()); return; }
        text.CopyTo(0, _buffer, _length, len);
        _length += len;
    }

    public void Write(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) { WriteSlow(text); return; }
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(char c)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = c;
    }

    private void WriteSlow(ReadOnlySpan<char> text)
    {
        if (_discard) return;
        if (ChunkReady is { } ready && _length >= FlushThreshold)
        {
            ready();
            if (_length + text.Length <= _buffer.Length)
            {
                text.CopyTo(_buffer.AsSpan(_length));
                _length += text.Length;
                return;
            }
        }
        if (_sink is not null && _length + text.Length > FlushThreshold)
        {
            Flush();
            if (text.Length > FlushThreshold)
            {
                _flushed += text.Length;
                CheckLimit();
                _sink.Write(text);
                return;
            }
        }
        Grow(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    private void Grow(int extra)
    {
        if (_discard) { _length = 0; if (_buffer.Length >= extra) return; }
        if (ChunkReady is { } ready && _length >= FlushThreshold)
        {
            ready();
            if (_length + extra <= _buffer.Length) return;
        }
        if (_flushed + _length + extra > Limit) ThrowLimit();
        if (_sink is not null && _length > 0 && _length + extra > _buffer.Length) { Flush(); if (_buffer.Length >= extra) return; }
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ReturnToPool(_buffer);
        _buffer = next;
    }

    /// <summary>Writes text HTML-escaped (MarkupSafe forms).</summary>
    public void WriteEscaped(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAny(Special);
        if (i < 0) { Write(text); return; }
        while (true)
        {
            Write(span[..i]);
            switch (span[i])
            {
                case '&': Write("&amp;"); break;
                case '<': Write("&lt;"); break;
                case '>': Write("&gt;"); break;
                case '"': Write(KidaQuotes ? "&quot;" : "&#34;"); break;
                case '\'': Write("&#39;"); break;
            }
            span = span[(i + 1)..];
            i = span.IndexOfAny(Special);
            if (i < 0) { Write(span); return; }
        }
    }

    /// <summary>
    /// Writes an ASCII string upper- or lower-cased (escaped when <paramref name="escape"/>), without making the
    /// cased string first. False, with nothing written, when the text is not ASCII or needs escaping: the caller
    /// then takes the general path (Python's case mapping of non-ASCII text differs from .NET's in places).
    /// </summary>
    internal bool TryWriteAsciiCased(string text, bool upper, bool escape)
    {
        if (escape && text.AsSpan().IndexOfAny(Special) >= 0) return false;
        if (_length + text.Length > _buffer.Length) Grow(text.Length);
        var target = _buffer.AsSpan(_length, text.Length);
        var status = upper ? System.Text.Ascii.ToUpper(text, target, out var written) : System.Text.Ascii.ToLower(text, target, out written);
        if (status != OperationStatus.Done) return false;
        _length += written;
        return true;
    }

    public void Write(long value)
    {
        if (_length + 20 > _buffer.Length) Grow(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Writes a float as Python's <c>repr</c>, formatting straight into the buffer when it can.</summary>
    public void WriteFloat(double d)
    {
        var magnitude = Math.Abs(d);
        if (magnitude is >= 1e-4 and < 1e9 && TryWriteShortDecimal(d)) return;
        if (magnitude is >= 1e-4 and < 1e16)
        {
            if (_length + 34 > _buffer.Length) Grow(34);
            var span = _buffer.AsSpan(_length);
            if (d.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture) && span[..written].IndexOfAny('E', 'e') < 0)
            {
                _length += written;
                if (span[..written].IndexOf('.') < 0) Write(".0");
                return;
            }
        }
        Write(PyFormat.FormatFloat(d));
    }

    /// <summary>
    /// Writes d when it is the double nearest to a decimal with at most four fractional digits (prices, rounded
    /// values), using integer arithmetic. Below 1e9 an ulp is under 1.2e-7, so no other decimal with four or fewer
    /// fractional digits rounds to the same double: this decimal is the shortest round-trip form, Python's repr.
    /// </summary>
    private bool TryWriteShortDecimal(double d)
    {
        var m = Math.Round(d * 10_000.0);
        if (m / 10_000.0 != d) return false;
        var scaled = (long)Math.Abs(m);
        if (_length + 24 > _buffer.Length) Grow(24);
        if (d < 0) _buffer[_length++] = '-';
        var whole = scaled / 10_000;
        var fraction = (int)(scaled % 10_000);
        whole.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        _buffer[_length++] = '.';
        if (fraction == 0)
        {
            _buffer[_length++] = '0';
            return true;
        }
        var digits = 4;
        while (fraction % 10 == 0) { fraction /= 10; digits--; }
        for (var i = digits - 1; i >= 0; i--)
        {
            _buffer[_length + i] = (char)('0' + fraction % 10);
            fraction /= 10;
        }
        _length += digits;
        return true;
    }

    /// <summary>Writes a value as Python's <c>str()</c>, escaping unless it is safe or needs no escaping.</summary>
    public void WriteValue(object? value, bool escape)
    {
        switch (value)
        {
            case string s:
                if (escape) WriteEscaped(s); else Write(s);
                return;
            case Markup m: Write(m.Value); return;
            case long l: Write(l); return;
            case bool b: Write(b ? "True" : "False"); return;
            case null: Write("None"); return;
            case double d: WriteFloat(d); return;
            case Undefined u: WriteUndefined(u, escape); return;
            case int i: Write(i); return;
        }
        var text = PyFormat.Str(value);
        if (escape) WriteEscaped(text); else Write(text);
    }

    private void WriteUndefined(Undefined u, bool escape)
    {
        var text = u.Text();
        if (text.Length == 0) return;
        if (escape) WriteEscaped(text); else Write(text);
    }

    /// <summary>Sends the buffered text to the writer (writer mode only).</summary>
    public void Flush()
    {
        if (_sink is null || _length == 0) return;
        _flushed += _length;
        CheckLimit();
        _sink.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <summary>Raises when more than <see cref="Limit"/> characters were written in total.</summary>
    internal void CheckLimit()
    {
        if (_flushed + _length > Limit) ThrowLimit();
    }

    private void ThrowLimit() => throw LimitExceeded(Limit);

    internal static TemplateRuntimeException LimitExceeded(long limit) =>
        new($"output is longer than MaxOutputLength ({limit} characters)");

    public override string ToString() => new(_buffer, 0, _length);

    /// <summary>The buffered text, valid until the next write or <see cref="Release"/>.</summary>
    internal ReadOnlySpan<char> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Hands out the buffered text as a finished chunk ({% flush %}); it still counts towards <see cref="Limit"/>.</summary>
    internal string TakeChunk()
    {
        CheckLimit();
        var text = ToString();
        _flushed += _length;
        _length = 0;
        return text;
    }

    /// <summary>
    /// Makes a kept buffer ready for the next render on the same thread: empty, unlimited, plain quotes, with at
    /// least <paramref name="capacity"/> characters. Big buffers go back to the shared pool so an idle thread does
    /// not hold on to one page's worth of memory.
    /// </summary>
    internal void Reuse(int capacity)
    {
        _length = 0;
        _flushed = 0;
        Limit = long.MaxValue;
        KidaQuotes = false;
        if (_buffer.Length >= capacity) return;
        ReturnToPool(_buffer);
        _buffer = ArrayPool<char>.Shared.Rent(capacity);
    }

    /// <summary>Whether the buffer is small enough to keep between renders.</summary>
    internal bool WorthKeeping => _buffer.Length <= KeepLimit && _sink is null && !_discard;

    /// <summary>Largest buffer (in characters) a thread keeps between renders.</summary>
    internal const int KeepLimit = 32 * 1024;

    /// <summary>Returns the buffer to the pool; the instance must not be used afterwards.</summary>
    public void Release()
    {
        var b = _buffer;
        _buffer = [];
        _length = 0;
        ReturnToPool(b);
    }

    /// <summary>Largest buffer (in characters) given back to the shared pool; bigger ones are left to the GC.</summary>
    internal const int PoolLimit = 1024 * 1024;

    /// <summary>
    /// Gives a buffer back to the shared pool unless it is empty or over <see cref="PoolLimit"/>. The pool keeps what
    /// it is given, per thread and per size: rendering one 9 M-character page as a string three times left 67 MB
    /// reachable on that thread (every size the buffer doubled through), four threads 134 MB. Pages over 2 MB of text
    /// are rare and take milliseconds to render, so allocating their buffer again costs little in comparison.
    /// </summary>
    private static void ReturnToPool(char[] buffer)
    {
        if (buffer.Length > 0 && buffer.Length <= PoolLimit) ArrayPool<char>.Shared.Return(buffer);
    }
}
