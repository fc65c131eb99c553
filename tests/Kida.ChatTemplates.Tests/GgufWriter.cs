using System.Text;

namespace Kida.ChatTemplates.Tests;

/// <summary>Writes small GGUF files in memory: a header with typed metadata, then fake tensor bytes that must never be read.</summary>
internal sealed class GgufWriter(uint version = 3)
{
    public const uint UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7, String = 8,
        Array = 9, UInt64 = 10, Int64 = 11, Float64 = 12;

    /// <summary>An array value: its element type and items (items of nested arrays are <see cref="Arr"/> too).</summary>
    public sealed record Arr(uint ElementType, params object[] Items);

    private readonly List<(string Key, uint Type, object Value)> _entries = [];

    public GgufWriter Add(string key, uint type, object value)
    {
        _entries.Add((key, type, value));
        return this;
    }

    public GgufWriter Str(string key, string value) => Add(key, String, value);

    /// <summary>The file: header, metadata, then <paramref name="tensorBytes"/> bytes of 0xEE standing for tensor data.</summary>
    public byte[] Build(int tensorBytes = 0, ulong? kvCountOverride = null)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write("GGUF"u8);
        w.Write(version);
        w.Write(1UL);                                        // one tensor
        w.Write(kvCountOverride ?? (ulong)_entries.Count);
        foreach (var (key, type, value) in _entries)
        {
            WriteString(w, key);
            w.Write(type);
            WriteValue(w, type, value);
        }
        for (var i = 0; i < tensorBytes; i++) w.Write((byte)0xEE);
        return stream.ToArray();
    }

    public static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteValue(BinaryWriter w, uint type, object value)
    {
        switch (type)
        {
            case UInt8: w.Write(Convert.ToByte(value)); break;
            case Int8: w.Write(Convert.ToSByte(value)); break;
            case UInt16: w.Write(Convert.ToUInt16(value)); break;
            case Int16: w.Write(Convert.ToInt16(value)); break;
            case UInt32: w.Write(Convert.ToUInt32(value)); break;
            case Int32: w.Write(Convert.ToInt32(value)); break;
            case Float32: w.Write(Convert.ToSingle(value)); break;
            case Bool: w.Write((byte)((bool)value ? 1 : 0)); break;
            case String: WriteString(w, (string)value); break;
            case UInt64: w.Write(Convert.ToUInt64(value)); break;
            case Int64: w.Write(Convert.ToInt64(value)); break;
            case Float64: w.Write(Convert.ToDouble(value)); break;
            case Array:
            {
                var arr = (Arr)value;
                w.Write(arr.ElementType);
                w.Write((ulong)arr.Items.Length);
                foreach (var item in arr.Items) WriteValue(w, arr.ElementType, item);
                break;
            }
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
    }
}
