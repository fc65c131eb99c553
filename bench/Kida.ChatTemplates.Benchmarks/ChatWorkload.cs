using System.Text.Json;
using Kida.ChatTemplates;

namespace Kida.ChatTemplates.Benchmarks;

/// <summary>
/// The benchmark's workload (chat-workload/workload.json, shared with bench/chat_jinja2_bench.py and
/// bench/chat-hfjinja/bench.mjs): for each named corpus template, the conversation it is applied to, the two tools,
/// add_generation_prompt on, and the expected output pinned by the Python side (chat-workload/expected/ID.txt).
/// </summary>
public sealed class ChatWorkload
{
    private static string Root => AppContext.BaseDirectory;

    public required string Id { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyDictionary<string, string> SpecialTokens { get; init; }
    public required string MessagesJson { get; init; }
    public required string ToolsJson { get; init; }
    public required string Expected { get; init; }

    /// <summary>The template ids in workload order.</summary>
    public static IReadOnlyList<string> Ids()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "chat-workload", "workload.json")));
        return doc.RootElement.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
    }

    public static ChatWorkload Load(string id)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "chat-workload", "workload.json")));
        var w = doc.RootElement;
        var item = w.GetProperty("templates").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        var conversation = item.GetProperty("conversation").GetString()!;
        using var corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "Corpus", id + ".json")));
        return new ChatWorkload
        {
            Id = id,
            Source = corpus.RootElement.GetProperty("template").GetString()!,
            SpecialTokens = corpus.RootElement.GetProperty("special_tokens").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            MessagesJson = w.GetProperty("conversations").GetProperty(conversation).GetRawText(),
            ToolsJson = w.GetProperty("tools").GetRawText(),
            Expected = File.ReadAllText(Path.Combine(Root, "chat-workload", "expected", id + ".txt")),
        };
    }

    public ChatTemplate Compile() => ChatTemplate.FromSource(Source, SpecialTokens);

    public IReadOnlyList<object?> Messages() => (IReadOnlyList<object?>)ChatJson.Parse(MessagesJson)!;

    public ChatTemplateOptions Options() => new()
    {
        AddGenerationPrompt = true,
        Tools = (IReadOnlyList<object?>)ChatJson.Parse(ToolsJson)!,
    };

    /// <summary>Throws when the package's output differs from Jinja2's (nothing is timed doing different work).</summary>
    public void Check(string actual)
    {
        if (actual == Expected) return;
        var i = 0;
        while (i < actual.Length && i < Expected.Length && actual[i] == Expected[i]) i++;
        throw new InvalidOperationException(
            $"{Id}: output differs from Jinja2's at char {i}: Kida {Excerpt(actual, i)} vs Jinja2 {Excerpt(Expected, i)}");
    }

    private static string Excerpt(string s, int at) => JsonSerializer.Serialize(s[at..Math.Min(s.Length, at + 80)]);
}
