using Kida.Runtime.Values;

namespace Kida.ChatTemplates.Tests;

/// <summary>
/// What the per-apply fast paths must not change: the same template applied again sees the caller's current values
/// (nothing is cached between applies), the variables resolve as one dictionary built per apply would, and tojson's
/// per-thread buffer gives the same text from many threads at once.
/// </summary>
public sealed class RepeatedApplyTests
{
    private const string ToolsTemplate =
        "{% for t in tools %}{{ t | tojson(indent=4) }}|{{ t.function | tojson }}|{{ t.function.name }}\n{% endfor %}" +
        "{% for m in messages %}{{ '<|' + m.role + '|>' + m.content | trim + '<|end|>' }}{% endfor %}";

    private static PyDict Tool(string name, string description) => (PyDict)ChatJson.Parse(
        """{"type": "function", "function": {"name": """ + System.Text.Json.JsonSerializer.Serialize(name) + """, "description": """ +
        System.Text.Json.JsonSerializer.Serialize(description) + """, "parameters": {"type": "object", "properties": {"x": {"type": "string"}}}}}""")!;

    [Fact]
    public void Tools_and_messages_changed_between_applies_are_seen_by_the_next_apply()
    {
        var template = ChatTemplate.FromSource(ToolsTemplate);
        var tool = Tool("get_weather", "Weather");
        var tools = new List<object?> { tool };
        var messages = (List<object?>)ChatJson.Parse("""[{"role": "user", "content": " Hi "}]""")!;
        var options = new ChatTemplateOptions { Tools = tools };
        for (var i = 0; i < 40; i++) template.Apply(messages, options);   // past the compiled tier's threshold
        var before = template.Apply(messages, options);

        var function = (PyDict)tool["function"]!;
        function["description"] = "Wetter — \"heute\"";
        function["extra"] = new List<object?> { 1L, 2.5, null };
        ((PyDict)((PyDict)function["parameters"]!)["properties"]!).Remove("x");
        tools.Add(Tool("get_time", "Time"));
        ((PyDict)messages[0]!)["content"] = "Bye";
        messages.Add(ChatJson.Parse("""{"role": "assistant", "content": "Ciao "}"""));
        var after = template.Apply(messages, options);

        Assert.NotEqual(before, after);
        Assert.Equal(ChatTemplate.FromSource(ToolsTemplate).Apply(messages, options), after);
        Assert.Contains("\"description\": \"Wetter — \\\"heute\\\"\"", after);
        Assert.Contains("\"extra\": [1, 2.5, null]", after);
        Assert.Contains("\"properties\": {}", after);
        Assert.Contains("get_time", after);
        Assert.EndsWith("<|user|>Bye<|end|><|assistant|>Ciao<|end|>", after);
    }

    [Fact]
    public void Variables_override_special_tokens_and_the_clock_and_the_per_call_variables_cannot_be_overridden()
    {
        var template = ChatTemplate.FromSource("{{ bos_token }}|{{ eos_token }}|{{ strftime_now('%Y') }}|{{ add_generation_prompt }}|{{ tools is none }}|{{ extra }}",
            new Dictionary<string, string> { ["bos_token"] = "<s>", ["eos_token"] = "</s>" });
        var messages = ApplyTests.Messages("""[{"role": "user", "content": "a"}]""");
        Assert.Equal("<s>|</s>|2026|True|True|", template.Apply(messages, new ChatTemplateOptions { AddGenerationPrompt = true, TimeProvider = FixedClock.Pinned }));
        var variables = new Dictionary<string, object?>
        {
            ["bos_token"] = "<B>", ["extra"] = 7L, ["strftime_now"] = (TemplateFunction)(_ => "clock"),
        };
        Assert.Equal("<B>|</s>|clock|False|True|7", template.Apply(messages, new ChatTemplateOptions { Variables = variables, TimeProvider = FixedClock.Pinned }));
        foreach (var reserved in new[] { "messages", "tools", "documents", "add_generation_prompt" })
            Assert.Throws<ChatInputException>(() => template.Apply(messages, new ChatTemplateOptions { Variables = new Dictionary<string, object?> { [reserved] = 1L } }));
    }

    [Fact]
    public void The_variables_enumerate_as_the_dictionary_transformers_builds()
    {
        var tokens = new Dictionary<string, object?> { ["bos_token"] = "<s>", ["eos_token"] = "</s>", ["additional_special_tokens"] = new List<object?> { "<x>" } };
        var messages = ApplyTests.Messages("""[{"role": "user", "content": "a"}]""");
        var strftime = new object();
        var variables = new ChatVariables(tokens, new Dictionary<string, object?> { ["eos_token"] = "E", ["mine"] = 1L }, strftime, messages, null, null, true);
        Assert.Equal(["bos_token", "eos_token", "additional_special_tokens", "strftime_now", "mine", "messages", "tools", "documents", "add_generation_prompt"], variables.Keys);
        Assert.Equal(9, variables.Count);
        Assert.Equal("E", variables["eos_token"]);
        Assert.Same(messages, variables["messages"]);
        Assert.Same(strftime, variables["strftime_now"]);
        Assert.Equal(true, variables["add_generation_prompt"]);
        Assert.True(variables.ContainsKey("tools"));
        Assert.Null(variables["tools"]);
        Assert.False(variables.ContainsKey("missing"));
        Assert.Throws<KeyNotFoundException>(() => variables["missing"]);
        foreach (var kv in variables) Assert.Equal(variables[kv.Key], kv.Value);
    }

    [Fact]
    public void Special_tokens_cannot_be_changed_after_loading()
    {
        var source = new Dictionary<string, string> { ["bos_token"] = "<s>" };
        var template = ChatTemplate.FromSource("{{ bos_token }}", source);
        source["bos_token"] = "changed";
        Assert.Equal("<s>", template.Apply(ApplyTests.Messages("[]")));
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)template.SpecialTokens)["bos_token"] = "x");
        Assert.Equal("<s>", template.SpecialTokens["bos_token"]);
    }

    [Fact]
    public void Tojson_from_many_threads_at_once_gives_each_the_same_text()
    {
        var template = ChatTemplate.FromSource(ToolsTemplate);
        var tools = new List<object?> { Tool("a", new string('x', 20_000)), Tool("b", "é😀\n") };
        var messages = ApplyTests.Messages("""[{"role": "user", "content": "Hi"}]""");
        var options = new ChatTemplateOptions { Tools = tools };
        var expected = template.Apply(messages, options);
        var results = new string[8][];
        Parallel.For(0, results.Length, i =>
        {
            results[i] = new string[50];
            for (var n = 0; n < 50; n++) results[i][n] = template.Apply(messages, options);
        });
        foreach (var thread in results)
            foreach (var text in thread) Assert.Equal(expected, text);
    }
}
