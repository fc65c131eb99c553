using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kida.ChatTemplates;

namespace Kida.ChatTemplates.Tests;

/// <summary>
/// The chat-template corpus under Corpus/ (one JSON file per real template, expected outputs pinned by
/// tests/tools/pin_chat_templates.py) and the cases knowingly skipped (Corpus/skips.txt, each with its reason).
/// </summary>
public static class ChatCorpus
{
    /// <summary>The instant strftime_now sees in every case (the oracle's FIXED_NOW; local time zone UTC).</summary>
    public static readonly DateTimeOffset FixedNow = new(2026, 7, 4, 9, 5, 3, TimeSpan.Zero);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static readonly Lazy<IReadOnlyDictionary<string, ChatCorpusEntry>> AllEntries = new(() =>
        Directory.GetFiles(Folder, "*.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(ChatCorpusEntry.Load)
            .ToDictionary(e => e.Id, StringComparer.Ordinal));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> SkipList = new(() =>
    {
        var skips = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(Path.Combine(Folder, "skips.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var hash = line.IndexOf(" # ", StringComparison.Ordinal);
            if (hash < 0) throw new InvalidOperationException($"skips.txt line without a reason: {line}");
            skips[line[..hash].Trim()] = line[(hash + 3)..].Trim();
        }
        return skips;
    });

    public static IReadOnlyDictionary<string, ChatCorpusEntry> Entries => AllEntries.Value;

    public static IReadOnlyDictionary<string, string> Skips => SkipList.Value;

    /// <summary>Every case as "template-id/case-id".</summary>
    public static IEnumerable<string> CaseKeys =>
        Entries.Values.SelectMany(e => e.Cases.Select(c => $"{e.Id}/{c.Id}"));

    public static (ChatCorpusEntry Entry, ChatCorpusCase Case) Get(string key)
    {
        var slash = key.IndexOf('/');
        var entry = Entries[key[..slash]];
        return (entry, entry.Cases.Single(c => c.Id == key[(slash + 1)..]));
    }
}

/// <summary>One template file of the corpus.</summary>
public sealed class ChatCorpusEntry
{
    private readonly ConcurrentDictionary<int, ChatTemplate> _compiled = new();

    public required string Id { get; init; }
    public string? Template { get; init; }
    public IReadOnlyList<(string Name, string Template)>? NamedTemplates { get; init; }
    public required IReadOnlyDictionary<string, string> SpecialTokens { get; init; }
    public required IReadOnlyList<ChatCorpusCase> Cases { get; init; }

    public bool HasGenerationBlocks =>
        (Template is null ? NamedTemplates!.Select(t => t.Template) : [Template])
        .Any(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"\{%-?\s*generation\s*-?%\}"));

    /// <summary>The template compiled once per entry: FromSource, or FromTokenizerConfig for a named list.</summary>
    public ChatTemplate Compile() => _compiled.GetOrAdd(0, _ =>
        Template is not null ? ChatTemplate.FromSource(Template, SpecialTokens) : ChatTemplate.FromTokenizerConfig(TokenizerConfigJson()));

    /// <summary>A tokenizer_config.json holding the named list and the special tokens, as such models ship it.</summary>
    public string TokenizerConfigJson()
    {
        var config = new JsonObject();
        foreach (var (name, value) in SpecialTokens) config[name] = value;
        var list = new JsonArray();
        foreach (var (name, template) in NamedTemplates!) list.Add(new JsonObject { ["name"] = name, ["template"] = template });
        config["chat_template"] = list;
        return config.ToJsonString();
    }

    public static ChatCorpusEntry Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var id = root.GetProperty("id").GetString()!;
        return new ChatCorpusEntry
        {
            Id = id,
            Template = root.TryGetProperty("template", out var t) ? t.GetString() : null,
            NamedTemplates = root.TryGetProperty("templates", out var named)
                ? named.EnumerateArray().Select(n => (n.GetProperty("name").GetString()!, n.GetProperty("template").GetString()!)).ToList()
                : null,
            SpecialTokens = root.TryGetProperty("special_tokens", out var st)
                ? st.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
                : new Dictionary<string, string>(),
            Cases = root.GetProperty("cases").EnumerateArray().Select(ChatCorpusCase.Load).ToList(),
        };
    }
}

/// <summary>One conversation of a template with its expected output (or expected error).</summary>
public sealed class ChatCorpusCase
{
    public required string Id { get; init; }
    /// <summary>The JSON texts of messages, tools, documents and variables, given to ChatJson.Parse as a user would.</summary>
    public required string MessagesJson { get; init; }
    public string? ToolsJson { get; init; }
    public string? DocumentsJson { get; init; }
    public string? VariablesJson { get; init; }
    public bool AddGenerationPrompt { get; init; }
    public bool ContinueFinalMessage { get; init; }
    /// <summary>transformers' return_assistant_tokens_mask: the case goes through ApplyWithSpans.</summary>
    public bool ReturnAssistantTokensMask { get; init; }
    public string? TemplateName { get; init; }
    public string? Expected { get; init; }
    public IReadOnlyList<ChatSpan>? ExpectedSpans { get; init; }
    /// <summary>"raise_exception" (the template's own raise_exception) or "invalid_request" (transformers' ValueError).</summary>
    public string? ErrorKind { get; init; }
    public string? ErrorMessage { get; init; }

    public ChatTemplateOptions Options() => new()
    {
        AddGenerationPrompt = AddGenerationPrompt,
        ContinueFinalMessage = ContinueFinalMessage,
        Tools = ToolsJson is null ? null : (IReadOnlyList<object?>)ChatJson.Parse(ToolsJson)!,
        Documents = DocumentsJson is null ? null : (IReadOnlyList<object?>)ChatJson.Parse(DocumentsJson)!,
        Variables = VariablesJson is null ? null : (IReadOnlyDictionary<string, object?>)ChatJson.Parse(VariablesJson)!,
        TemplateName = TemplateName,
        TimeProvider = new FixedTimeProvider(ChatCorpus.FixedNow),
    };

    public IReadOnlyList<object?> Messages() => (IReadOnlyList<object?>)ChatJson.Parse(MessagesJson)!;

    public static ChatCorpusCase Load(JsonElement c)
    {
        string? Raw(string name) => c.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetRawText() : null;
        bool Flag(string name) => c.TryGetProperty(name, out var v) && v.GetBoolean();
        var error = c.TryGetProperty("expected_error", out var e) ? e : (JsonElement?)null;
        return new ChatCorpusCase
        {
            Id = c.GetProperty("id").GetString()!,
            MessagesJson = c.GetProperty("messages").GetRawText(),
            ToolsJson = Raw("tools"),
            DocumentsJson = Raw("documents"),
            VariablesJson = Raw("variables"),
            AddGenerationPrompt = Flag("add_generation_prompt"),
            ContinueFinalMessage = Flag("continue_final_message"),
            ReturnAssistantTokensMask = Flag("return_assistant_tokens_mask"),
            TemplateName = c.TryGetProperty("template_name", out var n) ? n.GetString() : null,
            Expected = c.TryGetProperty("expected", out var x) ? x.GetString() : null,
            ExpectedSpans = c.TryGetProperty("expected_spans", out var s)
                ? s.EnumerateArray().Select(p => new ChatSpan(p[0].GetInt32(), p[1].GetInt32())).ToList()
                : null,
            ErrorKind = error?.GetProperty("kind").GetString(),
            ErrorMessage = error?.GetProperty("message").GetString(),
        };
    }
}

/// <summary>A clock stopped at one instant, in the UTC time zone (what the oracle's strftime_now sees).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
