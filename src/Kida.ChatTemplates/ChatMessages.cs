using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kida.Runtime.Values;
using Microsoft.Extensions.AI;

namespace Kida.ChatTemplates;

/// <summary>
/// Converts <c>Microsoft.Extensions.AI</c> chat messages into the message dictionaries transformers' chat templates
/// expect (its documented message, multimodal and tool-calling formats). The mapping, per content kind:
/// <list type="bullet">
/// <item><see cref="ChatMessage.Role"/>: <c>"system"</c>, <c>"user"</c>, <c>"assistant"</c>, <c>"tool"</c>; any other role as its <see cref="ChatRole.Value"/>.</item>
/// <item>Only <see cref="TextContent"/>: <c>content</c> is one string, the texts concatenated (as <see cref="ChatMessage.Text"/>).</item>
/// <item>With an image, audio or video (<see cref="DataContent"/> or <see cref="UriContent"/>): <c>content</c> is a list of
/// parts in order — <c>{"type": "text", "text": …}</c> and <c>{"type": "image"|"audio"|"video", "url": …}</c> (a
/// <see cref="DataContent"/>'s <c>data:</c> URI, or the <see cref="UriContent"/>'s URI).</item>
/// <item><see cref="FunctionCallContent"/>: <c>tool_calls: [{"type": "function", "id": CallId, "function": {"name", "arguments"}}]</c>
/// with <c>arguments</c> a dictionary; <c>content</c> is its text, or <c>""</c> when it has none (templates such as
/// Qwen3's read <c>content</c> of every assistant message, and an empty string prints as nothing everywhere).</item>
/// <item><see cref="FunctionResultContent"/>: a message of its own, <c>{"role": "tool", "tool_call_id": CallId, "name": …, "content": …}</c>
/// (<c>name</c> when an earlier call with that id names the function; <c>content</c> the result as a string, or JSON text
/// of a structured result).</item>
/// <item><see cref="TextReasoningContent"/>: <c>reasoning_content</c> (the key reasoning models' templates read).</item>
/// <item><see cref="ChatMessage.AuthorName"/>: <c>name</c>.</item>
/// </list>
/// Other content kinds (usage, errors, hosted files) carry nothing a chat template reads and are left out.
/// </summary>
public static class ChatMessages
{
    /// <summary>Converts a conversation (see the class remarks for the mapping).</summary>
    /// <param name="messages">The messages, in order.</param>
    /// <returns>The messages for <see cref="ChatTemplate.Apply"/>: a list of ordered dictionaries.</returns>
    /// <exception cref="ChatInputException">A content cannot be represented (an attachment that is not an image, audio
    /// or video; function arguments that are not JSON values).</exception>
    public static IReadOnlyList<object?> From(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<object?>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            Convert(message, index++, result, callNames);
        }
        return result;
    }

    private static void Convert(ChatMessage message, int index, List<object?> result, Dictionary<string, string> callNames)
    {
        var role = RoleOf(message.Role);
        var parts = new List<object?>();
        var texts = new List<string>();
        var hasMedia = false;
        List<object?>? toolCalls = null;
        var results = new List<PyDict>();
        string? reasoning = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    texts.Add(text.Text ?? "");
                    parts.Add(new PyDict { ["type"] = "text", ["text"] = text.Text ?? "" });
                    break;
                case TextReasoningContent thinking:
                    reasoning = (reasoning ?? "") + thinking.Text;
                    break;
                case DataContent data:
                    parts.Add(new PyDict { ["type"] = MediaKind(data.MediaType, index), ["url"] = data.Uri.ToString() });
                    hasMedia = true;
                    break;
                case UriContent uri:
                    parts.Add(new PyDict { ["type"] = MediaKind(uri.MediaType, index), ["url"] = uri.Uri.ToString() });
                    hasMedia = true;
                    break;
                case FunctionCallContent call:
                {
                    var arguments = new PyDict();
                    if (call.Arguments is not null)
                        foreach (var kv in call.Arguments) arguments[kv.Key] = Value(kv.Value, index, $"argument '{kv.Key}' of {call.Name}");
                    (toolCalls ??= []).Add(new PyDict
                    {
                        ["type"] = "function",
                        ["id"] = call.CallId,
                        ["function"] = new PyDict { ["name"] = call.Name, ["arguments"] = arguments },
                    });
                    if (call.CallId is { Length: > 0 } id) callNames[id] = call.Name;
                    break;
                }
                case FunctionResultContent functionResult:
                {
                    var tool = new PyDict { ["role"] = "tool", ["tool_call_id"] = functionResult.CallId };
                    if (functionResult.CallId is { } id && callNames.TryGetValue(id, out var name)) tool["name"] = name;
                    tool["content"] = ResultText(functionResult.Result, index);
                    results.Add(tool);
                    break;
                }
            }
        }

        var hasOwnMessage = texts.Count > 0 || hasMedia || toolCalls is not null || reasoning is not null || results.Count == 0;
        if (hasOwnMessage)
        {
            var dict = new PyDict { ["role"] = role };
            if (hasMedia) dict["content"] = parts;
            else dict["content"] = string.Concat(texts);
            if (reasoning is not null) dict["reasoning_content"] = reasoning;
            if (toolCalls is not null) dict["tool_calls"] = toolCalls;
            if (message.AuthorName is { Length: > 0 } author) dict["name"] = author;
            result.Add(dict);
        }
        result.AddRange(results);
    }

    private static string RoleOf(ChatRole role)
    {
        if (role == ChatRole.System) return "system";
        if (role == ChatRole.User) return "user";
        if (role == ChatRole.Assistant) return "assistant";
        if (role == ChatRole.Tool) return "tool";
        return role.Value;
    }

    private static string MediaKind(string? mediaType, int index)
    {
        var top = mediaType is null ? "" : mediaType.Split('/')[0].ToLowerInvariant();
        return top is "image" or "audio" or "video"
            ? top
            : throw new ChatInputException($"Message {index} has an attachment of media type '{mediaType}'; chat templates take images, audio and video only.");
    }

    private static object? ResultText(object? result, int index) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => PythonJson.Dumps(Value(result, index, "a function result")),
    };

    /// <summary>A CLR or JSON value as a template value: JSON values, primitives, dictionaries and lists of them.</summary>
    internal static object? Value(object? value, int index, string what) => value switch
    {
        null => null,
        string or bool or long or double => value,
        int i => (long)i,
        short or ushort or uint or byte or sbyte => System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : new System.Numerics.BigInteger(u),
        float f => (double)f,
        decimal m => (double)m,
        JsonElement e => ChatJson.Convert(e),
        JsonNode node => ChatJson.Parse(node.ToJsonString()),
        PyDict or PyTuple => value,
        IReadOnlyDictionary<string, object?> rd => Dict(rd, index, what),
        IDictionary<string, object?> d => Dict(d, index, what),
        IEnumerable seq and not string => seq.Cast<object?>().Select(x => Value(x, index, what)).ToList(),
        _ => throw new ChatInputException($"Message {index}: {what} is a {value.GetType().Name}, which is not a JSON value (pass a JsonElement, primitives, dictionaries or lists)."),
    };

    private static PyDict Dict(IEnumerable<KeyValuePair<string, object?>> items, int index, string what)
    {
        var dict = new PyDict();
        foreach (var kv in items) dict[kv.Key] = Value(kv.Value, index, what);
        return dict;
    }
}
