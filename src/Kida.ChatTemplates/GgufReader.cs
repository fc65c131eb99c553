using System.Buffers.Binary;
using System.Text;

namespace Kida.ChatTemplates;

/// <summary>
/// Reads the header of a GGUF file (versions 2 and 3, little-endian): the magic, the version, the tensor count and
/// every metadata key/value pair — and nothing after it (the tensor descriptions and data are never touched). Every
/// length and count is checked before anything is allocated: against the bytes left when the stream can tell its
/// length, and against fixed limits otherwise, so a damaged or hostile file fails with <see cref="GgufFormatException"/>.
/// Values: <c>uint8</c>…<c>int64</c> as <see cref="long"/> (<c>uint64</c> as <see cref="ulong"/>), floats as
/// <see cref="double"/>, <c>bool</c>, <c>string</c> (UTF-8), arrays (also of arrays) as <see cref="List{T}"/>.
/// </summary>
internal sealed class GgufReader
{
    /// <summary>The metadata value types of the GGUF specification.</summary>
    internal enum ValueType : uint
    {
        UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7, String = 8, Array = 9,
        UInt64 = 10, Int64 = 11, Float64 = 12,
    }

    // Limits for streams that cannot tell their length (and a ceiling for any file): far above real models' headers.
    internal const long MaxStringBytes = 64L * 1024 * 1024;
    internal const long MaxArrayCount = 64L * 1024 * 1024;
    internal const long MaxKeyValueCount = 1024 * 1024;
    internal const int MaxArrayDepth = 8;

    private readonly Stream _stream;
    private readonly long? _end;
    private long _position;
    private readonly byte[] _scratch = new byte[8];

    private GgufReader(Stream stream)
    {
        _stream = stream;
        if (stream.CanSeek)
        {
            _position = stream.Position;
            _end = stream.Length;
        }
    }

    /// <summary>
    /// The metadata of a GGUF stream, in file order, read from its current position. With <paramref name="keep"/>, only
    /// the keys it accepts are returned; the other values are checked and stepped over (seeked past when the stream can
    /// seek) without being built — a model's token scores and merges are megabytes a chat template does not need.
    /// </summary>
    public static (uint Version, IReadOnlyList<KeyValuePair<string, object?>> Metadata) Read(Stream stream, Func<string, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream cannot be read.", nameof(stream));
        return new GgufReader(stream).ReadHeader(keep);
    }

    private (uint, IReadOnlyList<KeyValuePair<string, object?>>) ReadHeader(Func<string, bool>? keep)
    {
        var start = _position;
        Span<byte> magic = stackalloc byte[4];
        if (!TryFill(magic))
            throw new GgufFormatException("Not a GGUF file: it is shorter than the 4-byte magic 'GGUF'.", start);
        if (!magic.SequenceEqual("GGUF"u8))
            throw new GgufFormatException($"Not a GGUF file: it starts with 0x{Convert.ToHexString(magic)}, not the magic 'GGUF'.", start);
        var version = ReadUInt32("the version");
        if (version is not (2 or 3))
        {
            var swapped = BinaryPrimitives.ReverseEndianness(version);
            if (swapped is 1 or 2 or 3)
                throw new GgufFormatException($"The GGUF file is big-endian (version {swapped}); only little-endian GGUF files are supported.", start + 4);
            throw new GgufFormatException(version == 1
                ? "GGUF version 1 is not supported (only versions 2 and 3)."
                : $"Unknown GGUF version {version} (only versions 2 and 3 are supported).", start + 4);
        }
        var tensorCount = ReadUInt64("the tensor count");
        _ = tensorCount;
        var countAt = _position;
        var kvCount = ReadUInt64("the metadata count");
        // Each pair takes at least 8 (key length) + 4 (type) + 1 bytes.
        CheckCount(kvCount, 13, MaxKeyValueCount, "metadata key/value pairs", countAt);
        var metadata = new List<KeyValuePair<string, object?>>((int)Math.Min(kvCount, 4096));
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString($"the key of metadata pair {i}");
            var typeAt = _position;
            var type = ReadUInt32($"the type of '{key}'");
            if (keep is null || keep(key)) metadata.Add(new(key, ReadValue(type, key, 0, typeAt)));
            else SkipValue(type, key, 0, typeAt);
        }
        return (version, metadata);
    }

    private object? ReadValue(uint type, string key, int depth, long typeAt)
    {
        switch ((ValueType)type)
        {
            case ValueType.UInt8: return (long)Fill(1, key)[0];
            case ValueType.Int8: return (long)(sbyte)Fill(1, key)[0];
            case ValueType.UInt16: return (long)BinaryPrimitives.ReadUInt16LittleEndian(Fill(2, key));
            case ValueType.Int16: return (long)BinaryPrimitives.ReadInt16LittleEndian(Fill(2, key));
            case ValueType.UInt32: return (long)BinaryPrimitives.ReadUInt32LittleEndian(Fill(4, key));
            case ValueType.Int32: return (long)BinaryPrimitives.ReadInt32LittleEndian(Fill(4, key));
            case ValueType.Float32: return (double)BinaryPrimitives.ReadSingleLittleEndian(Fill(4, key));
            case ValueType.Bool:
            {
                var at = _position;
                var b = Fill(1, key)[0];
                return b switch { 0 => false, 1 => true, _ => throw new GgufFormatException($"'{key}': a bool must be 0 or 1, not {b}.", at) };
            }
            case ValueType.String: return ReadString($"the value of '{key}'");
            case ValueType.UInt64: return BinaryPrimitives.ReadUInt64LittleEndian(Fill(8, key));
            case ValueType.Int64: return BinaryPrimitives.ReadInt64LittleEndian(Fill(8, key));
            case ValueType.Float64: return BinaryPrimitives.ReadDoubleLittleEndian(Fill(8, key));
            case ValueType.Array:
            {
                var (elementType, count, elementAt) = ReadArrayHeader(key, depth, typeAt);
                var list = new List<object?>((int)Math.Min(count, 1 << 16));
                for (ulong i = 0; i < count; i++) list.Add(ReadValue(elementType, key, depth + 1, elementAt));
                return list;
            }
            default:
                throw new GgufFormatException($"'{key}': unknown metadata value type {type}.", typeAt);
        }
    }

    // An array's element type and length, checked (nesting depth, known type, a count the rest of the file can hold).
    private (uint ElementType, ulong Count, long ElementAt) ReadArrayHeader(string key, int depth, long typeAt)
    {
        if (depth >= MaxArrayDepth)
            throw new GgufFormatException($"'{key}': arrays are nested more than {MaxArrayDepth} deep.", typeAt);
        var elementAt = _position;
        var elementType = ReadUInt32($"the element type of '{key}'");
        if (elementType > (uint)ValueType.Float64)
            throw new GgufFormatException($"'{key}': unknown array element type {elementType}.", elementAt);
        var countAt = _position;
        var count = ReadUInt64($"the length of '{key}'");
        CheckCount(count, MinSize((ValueType)elementType), MaxArrayCount, $"elements in '{key}'", countAt);
        return (elementType, count, elementAt);
    }

    // Steps over a value with the same checks as reading it, building nothing.
    private void SkipValue(uint type, string key, int depth, long typeAt)
    {
        switch ((ValueType)type)
        {
            case ValueType.String:
            {
                var at = _position;
                var length = ReadUInt64($"the length of the value of '{key}'");
                CheckLength(length, $"the value of '{key}'", at);
                Skip((long)length, $"the value of '{key}'");
                return;
            }
            case ValueType.Array:
            {
                var (elementType, count, elementAt) = ReadArrayHeader(key, depth, typeAt);
                var size = MinSize((ValueType)elementType);
                if ((ValueType)elementType is not (ValueType.String or ValueType.Array or ValueType.Bool))
                {
                    Skip((long)count * size, $"'{key}'");
                    return;
                }
                for (ulong i = 0; i < count; i++) SkipValue(elementType, key, depth + 1, elementAt);
                return;
            }
            case ValueType.Bool:
                ReadValue(type, key, depth, typeAt);   // one byte, still checked to be 0 or 1
                return;
            case <= ValueType.Float64:
                Skip(MinSize((ValueType)type), $"'{key}'");
                return;
            default:
                throw new GgufFormatException($"'{key}': unknown metadata value type {type}.", typeAt);
        }
    }

    private void Skip(long count, string what)
    {
        var at = _position;
        if (count == 0) return;
        if (_end is { } end)
        {
            if (count > end - _position) throw new GgufFormatException($"The GGUF file is truncated: it ends inside {what}.", at);
            _stream.Seek(count, SeekOrigin.Current);
            _position += count;
            return;
        }
        var buffer = new byte[(int)Math.Min(count, 64 * 1024)];
        while (count > 0)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(count, buffer.Length));
            if (!TryFill(chunk)) throw new GgufFormatException($"The GGUF file is truncated: it ends inside {what}.", at);
            count -= chunk.Length;
        }
    }

    private void CheckLength(ulong length, string what, long at)
    {
        if (_end is { } end && length > (ulong)(end - _position))
            throw new GgufFormatException($"The length of {what} ({length} bytes) goes beyond the end of the file ({end - _position} bytes left).", at);
        if (length > MaxStringBytes)
            throw new GgufFormatException($"The length of {what} ({length} bytes) is more than the {MaxStringBytes} bytes this reader accepts.", at);
    }

    private static long MinSize(ValueType type) => type switch
    {
        ValueType.UInt8 or ValueType.Int8 or ValueType.Bool => 1,
        ValueType.UInt16 or ValueType.Int16 => 2,
        ValueType.UInt32 or ValueType.Int32 or ValueType.Float32 => 4,
        ValueType.String or ValueType.UInt64 or ValueType.Int64 or ValueType.Float64 => 8,
        ValueType.Array => 12,
        _ => 1,
    };

    private void CheckCount(ulong count, long minBytesEach, long max, string what, long at)
    {
        if (count > (ulong)max)
            throw new GgufFormatException($"The GGUF header claims {count} {what}, more than the {max} this reader accepts.", at);
        if (_end is { } end && (long)count * minBytesEach > end - _position)
            throw new GgufFormatException($"The GGUF header claims {count} {what}, which cannot fit in the {end - _position} bytes left in the file.", at);
    }

    private string ReadString(string what)
    {
        var at = _position;
        var length = ReadUInt64($"the length of {what}");
        CheckLength(length, what, at);
        if (length == 0) return "";
        var bytes = new byte[(int)length];
        if (!TryFill(bytes))
            throw new GgufFormatException($"The file ends inside {what} ({length} bytes announced).", at);
        return Encoding.UTF8.GetString(bytes);
    }

    private uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Fill(4, what));

    private ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Fill(8, what));

    private ReadOnlySpan<byte> Fill(int count, string what)
    {
        var span = _scratch.AsSpan(0, count);
        var at = _position;
        if (!TryFill(span)) throw new GgufFormatException($"The GGUF file is truncated: it ends while reading {what}.", at);
        return span;
    }

    private bool TryFill(Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try { n = _stream.Read(buffer[read..]); }
            catch (IOException e) { throw new GgufFormatException($"Reading the GGUF file failed: {e.Message}", _position + read, e); }
            if (n == 0) { _position += read; return false; }
            read += n;
        }
        _position += read;
        return true;
    }
}
