using System.IO.Pipelines;
using System.Text;

namespace Kida.AspNetCore.Benchmarks.Endpoints;

/// <summary>
/// The experiment behind <c>/kida-sync</c>: a <see cref="TextWriter"/> that encodes UTF-8 straight into a
/// <see cref="PipeWriter"/>'s memory (<see cref="PipeWriter.GetSpan"/>/<see cref="PipeWriter.Advance"/>). Nothing it
/// does blocks — bytes wait in the pipe's pooled segments until the caller's <see cref="PipeWriter.FlushAsync"/> —
/// so a synchronous render may write into it on the request's thread, where a stream writer would need
/// synchronous I/O (which Kestrel forbids) once its buffer filled.
/// </summary>
public sealed class PipeTextWriter(PipeWriter pipe) : TextWriter
{
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (buffer.Length > 0)
        {
            var span = pipe.GetSpan(Math.Min(buffer.Length * 3, 4096));
            _encoder.Convert(buffer, span, flush: false, out var charsUsed, out var bytesUsed, out _);
            pipe.Advance(bytesUsed);
            buffer = buffer[charsUsed..];
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        var span = pipe.GetSpan(8);
        _encoder.Convert(ReadOnlySpan<char>.Empty, span, flush: true, out _, out var bytesUsed, out _);
        pipe.Advance(bytesUsed);
    }
}
