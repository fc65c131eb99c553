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
}
