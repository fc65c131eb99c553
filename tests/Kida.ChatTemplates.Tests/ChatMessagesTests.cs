using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Kida.ChatTemplates.Tests;

/// <summary>
/// Microsoft.Extensions.AI messages and tools map to the dictionaries transformers documents; the pinned cases
/// meai/qwen3-tools and meai/gemma3-image (tests/tools/pin_chat_environment.py) hold those dictionaries and the prompts
/// Jinja2 renders from them with real templates.
/// </summary>
public sealed class ChatMessagesTests
{
    private static JsonElement Pinned(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pinned", "chat_environment.json")));
        return doc.RootElement.EnumerateArray().First(c => c.GetProperty("name").GetString() == name).Clone();
    }

    /// <summary>Python's json.dumps of a value: equal text means equal keys, order, types and values.</summary>
    private static string Dump(object? value) => PythonJson.Dumps(value);

    private static ChatMessage[] ToolConversation() =>
    [
        new(ChatRole.System, "You are helpful."),
        new(ChatRole.User, "Weather in Paris?"),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["location"] = "Paris", ["days"] = 2 })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", "{\"temp\": 18}")]),
        new(ChatRole.Assistant, "It is 18 °C."),
        new(ChatRole.User, "Thanks!"),
    ];

    private static AITool[] Tools() =>
    [
        AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather", JsonDocument.Parse(
            """{"type": "object", "properties": {"location": {"type": "string"}, "days": {"type": "integer"}}, "required": ["location"]}""").RootElement),
    ];

    [Fact]
    public void Text_tool_calls_and_tool_results_map_to_transformers_messages_and_render_as_pinned()
    {
        var pinned = Pinned("meai/qwen3-tools");
        var messages = ChatMessages.From(ToolConversation());
        var tools = ChatTools.From(Tools());
        Assert.Equal(Dump(ChatJson.Parse(pinned.GetProperty("messages").GetRawText())), Dump(messages));
        Assert.Equal(Dump(ChatJson.Parse(pinned.GetProperty("tools").GetRawText())), Dump(tools));

        var template = ChatTemplate.FromSource(pinned.GetProperty("template").GetString()!);
        Assert.Equal(pinned.GetProperty("expected").GetString(),
            template.Apply(messages, new ChatTemplateOptions { Tools = tools, AddGenerationPrompt = true }));
    }

    [Fact]
    public void Images_make_the_content_a_list_of_parts_and_render_as_pinned()
    {
        var pinned = Pinned("meai/gemma3-image");
        var messages = ChatMessages.From(
        [
            new ChatMessage(ChatRole.User,
            [
                new TextContent("What is in this picture?"),
                new DataContent(Convert.FromBase64String("iVBORw0KGgo="), "image/png"),
                new UriContent(new Uri("https://example.com/bee.jpg"), "image/jpeg"),
            ]),
        ]);
        Assert.Equal(Dump(ChatJson.Parse(pinned.GetProperty("messages").GetRawText())), Dump(messages));
        var template = ChatTemplate.FromSource(pinned.GetProperty("template").GetString()!, new Dictionary<string, string> { ["bos_token"] = "<bos>" });
        Assert.Equal(pinned.GetProperty("expected").GetString(), template.Apply(messages, new ChatTemplateOptions { AddGenerationPrompt = true }));
    }

    [Fact]
    public void Several_text_parts_without_media_are_one_string_as_ChatMessage_Text()
    {
        var message = new ChatMessage(ChatRole.User, [new TextContent("Hello, "), new TextContent("world")]);
        Assert.Equal("""[{"role": "user", "content": "Hello, world"}]""", Dump(ChatMessages.From([message])));
        Assert.Equal("Hello, world", message.Text);
    }

    [Fact]
    public void Reasoning_author_and_other_roles_map_to_their_keys()
    {
        var messages = ChatMessages.From(
        [
            new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("thinking"), new TextContent("answer")]) { AuthorName = "bot" },
            new ChatMessage(new ChatRole("developer"), "be terse"),
        ]);
        Assert.Equal("""[{"role": "assistant", "content": "answer", "reasoning_content": "thinking", "name": "bot"}, {"role": "developer", "content": "be terse"}]""",
            Dump(messages));
    }

    [Fact]
    public void Structured_results_become_json_text_and_unknown_call_ids_have_no_name()
    {
        var messages = ChatMessages.From(
        [
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c9", new Dictionary<string, object?> { ["ok"] = true, ["n"] = 1.5 }), new FunctionResultContent("c10", null)]),
        ]);
        Assert.Equal("""[{"role": "tool", "tool_call_id": "c9", "content": "{\"ok\": true, \"n\": 1.5}"}, {"role": "tool", "tool_call_id": "c10", "content": ""}]""",
            Dump(messages));
    }

    [Fact]
    public void Json_element_arguments_keep_their_order_and_types()
    {
        var args = JsonDocument.Parse("""{"b": [1, 2.5], "a": {"x": null}}""").RootElement;
        var messages = ChatMessages.From(
            [new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("id", "f", new Dictionary<string, object?> { ["q"] = args })])]);
        Assert.Equal("""[{"role": "assistant", "content": "", "tool_calls": [{"type": "function", "id": "id", "function": {"name": "f", "arguments": {"q": {"b": [1, 2.5], "a": {"x": null}}}}}]}]""",
            Dump(messages));
    }

    [Fact]
    public void Attachments_that_are_not_media_and_arguments_that_are_not_json_are_refused()
    {
        var pdf = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "application/pdf")]);
        Assert.Contains("application/pdf", Assert.Throws<ChatInputException>(() => ChatMessages.From([pdf])).Message);
        var odd = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("i", "f", new Dictionary<string, object?> { ["s"] = new Random() })]);
        Assert.Contains("not a JSON value", Assert.Throws<ChatInputException>(() => ChatMessages.From([odd])).Message);
    }

    [Fact]
    public void Functions_made_by_the_factory_use_their_json_schema()
    {
        var function = AIFunctionFactory.Create((string city) => city, "lookup", "Looks a city up");
        var tool = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.Single(ChatTools.From([function])));
        var body = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(tool["function"]);
        Assert.Equal("function", tool["type"]);
        Assert.Equal("lookup", body["name"]);
        Assert.Equal("Looks a city up", body["description"]);
        Assert.Equal(Dump(ChatJson.Parse(function.JsonSchema.GetRawText())), Dump(body["parameters"]));
    }
}
