using Kida.Runtime.Output;

namespace Kida.Runtime;

/// <summary>
/// One render's span collection: the template's own output buffer (spans are measured only while a span tag's body
/// writes straight into it) and where finished spans go.
/// </summary>
internal sealed class SpanRecording(OutputBuffer output, ICollection<OutputSpan> sink)
{
    public OutputBuffer Output { get; } = output;

    public ICollection<OutputSpan> Sink { get; } = sink;
}
