namespace Kida.ChatTemplates;

/// <summary>
/// The keys and roles of transformers' message and tool formats, as single string instances. Parsed JSON uses these
/// instances for equal text, and the engine interns short identifier-like string constants of templates (as CPython
/// does with a code object's names), so <c>message['role'] == 'system'</c> finds its key and compares its value by
/// reference before any text is compared. Only this fixed set is shared: arbitrary keys of the caller's JSON are not
/// interned (no process-wide growth from untrusted input).
/// </summary>
internal static class ChatStrings
{
    // C# literals are the runtime's interned instances, the same ones string.Intern gives the template's constants.
    private static readonly Dictionary<string, string> Known = new[]
    {
        "role", "content", "name", "type", "text", "image", "image_url", "url", "tool_calls", "tool_call_id", "id",
        "function", "arguments", "parameters", "properties", "description", "required", "enum", "items", "title",
        "system", "user", "assistant", "tool", "ipython", "developer", "documents", "reasoning_content", "thinking",
        "string", "integer", "number", "boolean", "object", "array", "null",
    }.ToDictionary(k => k, StringComparer.Ordinal);

    /// <summary>The shared instance of <paramref name="text"/> when it is one of the known strings; else the text itself.</summary>
    public static string Canonical(string text) => text.Length <= 17 && Known.TryGetValue(text, out var shared) ? shared : text;
}
