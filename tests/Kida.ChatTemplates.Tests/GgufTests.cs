using System.Buffers.Binary;

namespace Kida.ChatTemplates.Tests;

public sealed class GgufTests
{
    private const string Template = "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m.content }}{{ eos_token }}{% endfor %}";

    private static GgufWriter Model(uint version = 3) => new GgufWriter(version)
        .Str("general.architecture", "llama")
        .Add("llama.context_length", GgufWriter.UInt32, 4096u)
        .Add("tokenizer.ggml.tokens", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.String, "<unk>", "<s>", "</s>", "hi"))
        .Add("tokenizer.ggml.scores", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.Float32, 0f, 0f, 0f, -1.5f))
        .Add("tokenizer.ggml.bos_token_id", GgufWriter.UInt32, 1u)
        .Add("tokenizer.ggml.eos_token_id", GgufWriter.UInt32, 2u)
        .Str("tokenizer.chat_template", Template);

    private static IReadOnlyList<object?> Hi => ApplyTests.Messages("""[{"role": "user", "content": "hi"}]""");

    [Theory]
    [InlineData(2u)]
    [InlineData(3u)]
    public void Reads_the_template_and_bos_eos_through_the_token_list(uint version)
    {
        var template = ChatTemplate.FromGguf(new MemoryStream(Model(version).Build(tensorBytes: 64)));
        Assert.Equal(["default"], template.TemplateNames);
        Assert.Equal("<s>", template.SpecialTokens["bos_token"]);
        Assert.Equal("</s>", template.SpecialTokens["eos_token"]);
        Assert.Equal("<s>[user]hi</s>", template.Apply(Hi));
    }

    [Fact]
    public void Named_templates_come_from_tokenizer_chat_template_dot_name()
    {
        var bytes = Model().Str("tokenizer.chat_template.tool_use", "TOOLS {{ tools | length }}").Str("tokenizer.chat_template.rag", "RAG").Build();
        var template = ChatTemplate.FromGguf(new MemoryStream(bytes));
        Assert.Equal(["default", "tool_use", "rag"], template.TemplateNames);
        var tools = ApplyTests.Messages("""[{"type": "function", "function": {"name": "f"}}]""");
        Assert.Equal("TOOLS 1", template.Apply(Hi, new ChatTemplateOptions { Tools = tools }));
        Assert.Equal("RAG", template.Apply(Hi, new ChatTemplateOptions { Documents = ApplyTests.Messages("""[{"title": "t", "text": "x"}]""") }));
        Assert.Equal("RAG", ChatTemplate.FromGguf(new MemoryStream(bytes), "rag").Apply(Hi));
    }

    [Fact]
    public void Every_value_type_and_nested_arrays_are_read()
    {
        var bytes = new GgufWriter()
            .Add("u8", GgufWriter.UInt8, (byte)200).Add("i8", GgufWriter.Int8, (sbyte)-5)
            .Add("u16", GgufWriter.UInt16, (ushort)65000).Add("i16", GgufWriter.Int16, (short)-300)
            .Add("u32", GgufWriter.UInt32, 4_000_000_000u).Add("i32", GgufWriter.Int32, -70000)
            .Add("f32", GgufWriter.Float32, 1.5f).Add("b", GgufWriter.Bool, true)
            .Add("u64", GgufWriter.UInt64, ulong.MaxValue).Add("i64", GgufWriter.Int64, long.MinValue)
            .Add("f64", GgufWriter.Float64, -2.25).Str("s", "héllo")
            .Add("nested", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.Array,
                new GgufWriter.Arr(GgufWriter.Int32, 1, 2), new GgufWriter.Arr(GgufWriter.String, "x")))
            .Add("empty", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.Bool))
            .Build(tensorBytes: 16);
        var (version, metadata) = GgufReader.Read(new MemoryStream(bytes));
        Assert.Equal(3u, version);
        var values = metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(200L, values["u8"]);
        Assert.Equal(-5L, values["i8"]);
        Assert.Equal(65000L, values["u16"]);
        Assert.Equal(-300L, values["i16"]);
        Assert.Equal(4_000_000_000L, values["u32"]);
        Assert.Equal(-70000L, values["i32"]);
        Assert.Equal(1.5, values["f32"]);
        Assert.Equal(true, values["b"]);
        Assert.Equal(ulong.MaxValue, values["u64"]);
        Assert.Equal(long.MinValue, values["i64"]);
        Assert.Equal(-2.25, values["f64"]);
        Assert.Equal("héllo", values["s"]);
        var nested = Assert.IsType<List<object?>>(values["nested"]);
        Assert.Equal([1L, 2L], Assert.IsType<List<object?>>(nested[0]));
        Assert.Equal(["x"], Assert.IsType<List<object?>>(nested[1]));
        Assert.Empty(Assert.IsType<List<object?>>(values["empty"]));
    }

    [Fact]
    public void Only_the_header_is_read_never_the_tensor_data()
    {
        var bytes = Model().Build(tensorBytes: 1 << 20);
        var stream = new CountingStream(new MemoryStream(bytes));
        ChatTemplate.FromGguf(stream);
        Assert.True(stream.BytesRead < 4096, $"read {stream.BytesRead} bytes of a {bytes.Length}-byte file");
    }

    [Fact]
    public void Metadata_a_chat_template_does_not_need_is_seeked_past_not_read()
    {
        // A vocabulary's scores and merges are megabytes in a real model; only the tokens list is needed.
        var scores = Enumerable.Range(0, 200_000).Select(i => (object)(float)i).ToArray();
        var merges = Enumerable.Range(0, 20_000).Select(i => (object)$"a{i} b{i}").ToArray();
        var bytes = Model()
            .Add("tokenizer.ggml.token_type", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.Float32, scores))
            .Add("tokenizer.ggml.merges", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.String, merges))
            .Str("tokenizer.chat_template.late", "L")
            .Build(tensorBytes: 1024);
        var stream = new CountingStream(new MemoryStream(bytes));
        var template = ChatTemplate.FromGguf(stream);
        Assert.Equal(["default", "late"], template.TemplateNames);
        Assert.Equal("</s>", template.SpecialTokens["eos_token"]);
        // The skipped strings' lengths are read (8 bytes each), their text and the float array are seeked over.
        Assert.True(stream.BytesRead < 8 * merges.Length + 4096, $"read {stream.BytesRead} of {bytes.Length} bytes");
        // A forward-only stream reads through them and gets the same answer.
        Assert.Equal(["default", "late"], ChatTemplate.FromGguf(new ForwardOnlyStream(bytes)).TemplateNames);
    }

    [Fact]
    public void A_file_path_works_and_the_file_is_closed_afterwards()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kida-gguf-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, Model().Build(tensorBytes: 128));
        try
        {
            Assert.Equal("<s>[user]hi</s>", ChatTemplate.FromGguf(path).Apply(Hi));
        }
        finally
        {
            File.Delete(path);   // fails on Windows if the reader kept it open
        }
        Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromGguf(path));
    }

    [Fact]
    public void A_non_gguf_file_is_refused()
    {
        var e = Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream("{\"chat_template\": \"x\"}"u8.ToArray())));
        Assert.Contains("Not a GGUF file", e.Message);
        Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream([0x47, 0x47])));
        Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream([])));
    }

    [Fact]
    public void A_big_endian_file_and_unknown_versions_are_refused()
    {
        var bytes = Model().Build();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 3);
        Assert.Contains("big-endian", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(bytes))).Message);
        Assert.Contains("version 1", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(Model(1).Build()))).Message);
        Assert.Contains("Unknown GGUF version 7", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(Model(7).Build()))).Message);
    }

    [Fact]
    public void Every_truncation_of_the_header_is_a_format_error()
    {
        var bytes = Model().Build();
        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(bytes[..length])));
            Assert.InRange(e.Offset, 0, length);
        }
    }

    [Fact]
    public void Truncated_non_seekable_streams_are_format_errors_too()
    {
        var bytes = Model().Build();
        for (var length = 0; length < bytes.Length; length += 7)
            Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new ForwardOnlyStream(bytes[..length])));
        Assert.Equal("<s>[user]hi</s>", ChatTemplate.FromGguf(new ForwardOnlyStream(bytes)).Apply(Hi));
    }

    [Fact]
    public void A_string_length_beyond_the_file_is_refused_before_allocating()
    {
        var bytes = new GgufWriter().Str("tokenizer.chat_template", "abc").Build();
        // The value's length field follows magic, version, counts, the key and the type.
        var at = 4 + 4 + 8 + 8 + 8 + "tokenizer.chat_template".Length + 4;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), 0x7FFF_FFFF_FFFF);
        var e = Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(bytes)));
        Assert.Contains("beyond the end of the file", e.Message);
        Assert.Equal(at, e.Offset);
        // Without a length to check against, the fixed limit applies.
        e = Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new ForwardOnlyStream(bytes)));
        Assert.Contains("more than the", e.Message);
    }

    [Fact]
    public void Counts_beyond_the_file_are_refused_before_allocating()
    {
        var huge = new GgufWriter().Str("a", "b").Build(kvCountOverride: 1UL << 40);
        Assert.Contains("metadata key/value pairs", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(huge))).Message);
        Assert.Contains("more than the", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new ForwardOnlyStream(huge))).Message);

        var array = new GgufWriter().Add("xs", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.UInt64, 1UL)).Build();
        var countAt = 4 + 4 + 8 + 8 + 8 + 2 + 4 + 4;
        BinaryPrimitives.WriteUInt64LittleEndian(array.AsSpan(countAt), 1UL << 33);
        Assert.Contains("elements in 'xs'", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(array))).Message);
    }

    [Fact]
    public void Unknown_value_types_and_bad_bools_are_refused()
    {
        var bytes = new GgufWriter().Add("x", GgufWriter.UInt8, (byte)1).Build();
        var typeAt = 4 + 4 + 8 + 8 + 8 + 1;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(typeAt), 13);
        Assert.Contains("unknown metadata value type 13", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(bytes))).Message);

        var b = new GgufWriter().Add("flag", GgufWriter.Bool, true).Build();
        b[^1] = 7;
        Assert.Contains("a bool must be 0 or 1", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(b))).Message);
    }

    [Fact]
    public void A_model_without_a_chat_template_says_so()
    {
        var e = Assert.Throws<ChatTemplateNotFoundException>(() =>
            ChatTemplate.FromGguf(new MemoryStream(new GgufWriter().Str("general.architecture", "llama").Build())));
        Assert.Contains("tokenizer.chat_template", e.Message);
        Assert.Empty(e.AvailableNames);
    }

    [Fact]
    public void A_token_id_outside_the_token_list_is_a_format_error()
    {
        var bytes = new GgufWriter()
            .Add("tokenizer.ggml.tokens", GgufWriter.Array, new GgufWriter.Arr(GgufWriter.String, "a"))
            .Add("tokenizer.ggml.bos_token_id", GgufWriter.UInt32, 5u)
            .Str("tokenizer.chat_template", "x").Build();
        Assert.Contains("outside 'tokenizer.ggml.tokens'", Assert.Throws<GgufFormatException>(() => ChatTemplate.FromGguf(new MemoryStream(bytes))).Message);
    }

    [Fact]
    public void An_unknown_template_name_lists_the_available_ones()
    {
        var e = Assert.Throws<ChatTemplateNotFoundException>(() => ChatTemplate.FromGguf(new MemoryStream(Model().Build()), "tool_use"));
        Assert.Contains("'tool_use'", e.Message);
        Assert.Equal(["default"], e.AvailableNames);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A stream that cannot seek or tell its length (a pipe, a network download).</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 3));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
