namespace Kida.ChatTemplates;

/// <summary>
/// A file or stream is not a GGUF file this reader understands, or its header is damaged: wrong magic, an unsupported
/// version or byte order, a truncated header, a length or count beyond the file (or beyond sane limits when the stream
/// cannot tell its length), an unknown value type. <see cref="Offset"/> is where in the stream the problem was found.
/// </summary>
public sealed class GgufFormatException : ChatTemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="offset">The byte offset in the stream where it was found.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public GgufFormatException(string message, long offset, Exception? inner = null) : base(message, inner) => Offset = offset;

    /// <summary>The byte offset in the file where the problem was found.</summary>
    public long Offset { get; }
}
