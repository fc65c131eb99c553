namespace Kida.ChatTemplates.Tests;

public sealed class ApplyTests
{
    internal static IReadOnlyList<object?> Messages(string json) => (IReadOnlyList<object?>)ChatJson.Parse(json)!;

    private const string ChatMl =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    [Fact]
    public void A_plain_template_renders_the_conversation()
    {
        var template = ChatTemplate.FromSource(ChatMl);
        var text = template.Apply(Messages("""[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]"""),
            new ChatTemplateOptions { AddGenerationPrompt = true });
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n<|im_start|>assistant\n", text);
        Assert.Equal(["default"], template.TemplateNames);
    }

    [Fact]
    public void Special_tokens_are_variables()
    {
        var template = ChatTemplate.FromSource("{{ bos_token }}{% for m in messages %}{{ m.content }}{{ eos_token }}{% endfor %}",
            new Dictionary<string, string> { ["bos_token"] = "<s>", ["eos_token"] = "</s>" });
        Assert.Equal("<s>a</s>", template.Apply(Messages("""[{"role": "user", "content": "a"}]""")));
    }

    [Fact]
    public void A_generation_block_at_the_start_of_the_output_is_recorded()
    {
        // Known difference (docs/chat-templates.md): transformers' tracker is inactive while nothing has been rendered
        // and drops this first span ('ABC' gives [(2, 3)] there); the range itself is the same.
        var prompt = ChatTemplate.FromSource("{% generation %}A{% endgeneration %}B{% generation %}C{% endgeneration %}").ApplyWithSpans([]);
        Assert.Equal("ABC", prompt.Text);
        Assert.Equal([new ChatSpan(0, 1), new ChatSpan(2, 1)], prompt.AssistantSpans);
    }

    [Fact]
    public void Templates_compile_once_per_chat_template()
    {
        // The shared environment's CompileCount is not used: other tests compile in parallel and move it (flaky).
        var template = ChatTemplate.FromSource(ChatMl);
        template.Apply(Messages("""[{"role": "user", "content": "Hi"}]"""));
        var compiled = template.Compiled("default");
        for (var i = 0; i < 5; i++) template.Apply(Messages("""[{"role": "user", "content": "Hi"}]"""));
        Assert.Same(compiled, template.Compiled("default"));
    }
}
