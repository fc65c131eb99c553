namespace Kida.ChatTemplates;

/// <summary>Builds a <see cref="ChatTemplate"/> from a GGUF file's metadata (the keys llama.cpp writes).</summary>
internal static class GgufChatTemplate
{
    private const string TemplateKey = "tokenizer.chat_template";
    private const string TokensKey = "tokenizer.ggml.tokens";

    private static readonly (string Key, string Token)[] TokenIds =
    [
        ("tokenizer.ggml.bos_token_id", "bos_token"),
        ("tokenizer.ggml.eos_token_id", "eos_token"),
        ("tokenizer.ggml.unknown_token_id", "unk_token"),
        ("tokenizer.ggml.padding_token_id", "pad_token"),
    ];

    private static bool Needed(string key) =>
        key == TokensKey || key.StartsWith(TemplateKey, StringComparison.Ordinal) || Array.Exists(TokenIds, t => t.Key == key);

    public static ChatTemplate Load(string path, string? name)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ChatTemplateException($"Cannot open the GGUF file '{path}': {e.Message}", e);
        }
        using (stream) return Load(stream, $"'{path}'", name);
    }

    public static ChatTemplate Load(Stream stream, string origin, string? name)
    {
        IReadOnlyList<KeyValuePair<string, object?>> metadata;
        try
        {
            metadata = GgufReader.Read(stream, Needed).Metadata;
        }
        catch (GgufFormatException e)
        {
            throw new GgufFormatException($"{origin}: {e.Message}", e.Offset, e);
        }

        var templates = new List<KeyValuePair<string, string>>();
        Dictionary<string, object?> byKey = new(StringComparer.Ordinal);
        foreach (var kv in metadata)
        {
            byKey[kv.Key] = kv.Value;
            if (kv.Key == TemplateKey)
                templates.Insert(0, new("default", Text(kv, origin)));
            else if (kv.Key.StartsWith(TemplateKey + ".", StringComparison.Ordinal) && kv.Key.Length > TemplateKey.Length + 1)
                templates.Add(new(kv.Key[(TemplateKey.Length + 1)..], Text(kv, origin)));
        }
        if (templates.Count == 0)
            throw new ChatTemplateNotFoundException($"{origin} has no chat template: its metadata has no '{TemplateKey}'.", []);

        var tokens = new Dictionary<string, string>();
        var vocabulary = byKey.TryGetValue(TokensKey, out var v) ? v as List<object?> : null;
        foreach (var (key, token) in TokenIds)
        {
            if (!byKey.TryGetValue(key, out var idValue)) continue;
            long id = idValue switch
            {
                long l => l,
                ulong u when u <= long.MaxValue => (long)u,
                _ => throw new GgufFormatException($"{origin}: '{key}' is not an integer.", 0),
            };
            if (vocabulary is null)
                throw new GgufFormatException($"{origin}: '{key}' is {id} but the file has no '{TokensKey}' to look it up in.", 0);
            if (id < 0 || id >= vocabulary.Count)
                throw new GgufFormatException($"{origin}: '{key}' is {id}, outside '{TokensKey}' ({vocabulary.Count} tokens).", 0);
            tokens[token] = vocabulary[(int)id] as string
                ?? throw new GgufFormatException($"{origin}: '{TokensKey}' is not an array of strings.", 0);
        }
        var result = new ChatTemplate(templates, tokens, null, origin) { DefaultName = name };
        if (name is not null) result.GetSource(name);
        return result;
    }

    private static string Text(KeyValuePair<string, object?> kv, string origin) =>
        kv.Value as string ?? throw new GgufFormatException($"{origin}: '{kv.Key}' is not a string.", 0);
}
