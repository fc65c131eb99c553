using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kida.ChatTemplates;

/// <summary>
/// The variables one <see cref="ChatTemplate.Apply"/> renders with, without building a dictionary per call: the four
/// that change with every conversation (<c>messages</c>, <c>tools</c>, <c>documents</c>, <c>add_generation_prompt</c>)
/// in fields, the caller's <see cref="ChatTemplateOptions.Variables"/> as given, and the template's special tokens in a
/// dictionary made once per <see cref="ChatTemplate"/>. A name resolves as the dictionary transformers builds would
/// resolve it: the four per-call variables over the caller's, the caller's over <c>strftime_now</c> of a custom clock,
/// that over the special tokens. Enumerating gives the same entries in the same order as that dictionary (it is built
/// then, once; templates do not enumerate their context in practice).
/// </summary>
internal sealed class ChatVariables(
    Dictionary<string, object?> tokens,
    IReadOnlyDictionary<string, object?>? variables,
    object? strftimeNow,
    IReadOnlyList<object?> messages,
    IReadOnlyList<object?>? tools,
    IReadOnlyList<object?>? documents,
    bool addGenerationPrompt) : IReadOnlyDictionary<string, object?>
{
    private static readonly object True = true;
    private static readonly object False = false;

    private Dictionary<string, object?>? _all;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        switch (key)
        {
            case "messages": value = messages; return true;
            case "tools": value = tools; return true;
            case "documents": value = documents; return true;
            case "add_generation_prompt": value = addGenerationPrompt ? True : False; return true;
        }
        if (variables is not null && variables.TryGetValue(key, out value)) return true;
        if (strftimeNow is not null && key == "strftime_now") { value = strftimeNow; return true; }
        return tokens.TryGetValue(key, out value);
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The chat variable '{key}' is not set.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public int Count => All.Count;

    public IEnumerable<string> Keys => All.Keys;

    public IEnumerable<object?> Values => All.Values;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The dictionary ChatTemplate built before this type existed, in its insertion order.
    private Dictionary<string, object?> All => _all ??= Build();

    private Dictionary<string, object?> Build()
    {
        var all = new Dictionary<string, object?>(tokens);
        if (strftimeNow is not null) all["strftime_now"] = strftimeNow;
        if (variables is not null)
            foreach (var kv in variables) all[kv.Key] = kv.Value;
        all["messages"] = messages;
        all["tools"] = tools;
        all["documents"] = documents;
        all["add_generation_prompt"] = addGenerationPrompt ? True : False;
        return all;
    }
}
