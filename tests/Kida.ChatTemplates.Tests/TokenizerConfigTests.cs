namespace Kida.ChatTemplates.Tests;

public sealed class TokenizerConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kida-chat-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IReadOnlyList<object?> Hi => ApplyTests.Messages("""[{"role": "user", "content": "hi"}]""");

    private const string Named = """
        {
          "bos_token": {"content": "<s>", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false, "__type": "AddedToken"},
          "eos_token": "</s>",
          "unk_token": null,
          "pad_token": {"content": "<pad>"},
          "additional_special_tokens": ["<x>", {"content": "<y>"}],
          "chat_template": [
            {"name": "default", "template": "D{{ bos_token }}{{ messages[0].content }}{{ eos_token }}"},
            {"name": "tool_use", "template": "T{{ tools | length }}"},
            {"name": "rag", "template": "R{{ documents | length }}{{ additional_special_tokens | join(',') }}"}
          ]
        }
        """;

    [Fact]
    public void A_string_template_and_string_or_added_token_special_tokens()
    {
        var template = ChatTemplate.FromTokenizerConfig("""{"chat_template": "{{ bos_token }}{{ messages[0].content }}{{ pad_token }}", "bos_token": {"content": "<s>"}, "pad_token": "<pad>"}""");
        Assert.Equal(["default"], template.TemplateNames);
        Assert.Equal("<s>hi<pad>", template.Apply(Hi));
        Assert.Equal(new Dictionary<string, string> { ["bos_token"] = "<s>", ["pad_token"] = "<pad>" }, template.SpecialTokens);
    }

    [Fact]
    public void Named_templates_are_selected_as_transformers_selects()
    {
        var template = ChatTemplate.FromTokenizerConfig(Named);
        Assert.Equal(["default", "tool_use", "rag"], template.TemplateNames);
        Assert.Equal("D<s>hi</s>", template.Apply(Hi));
        var tools = ApplyTests.Messages("""[{"type": "function", "function": {"name": "f"}}, {"type": "function", "function": {"name": "g"}}]""");
        var documents = ApplyTests.Messages("""[{"title": "a", "text": "b"}]""");
        Assert.Equal("T2", template.Apply(Hi, new ChatTemplateOptions { Tools = tools }));
        Assert.Equal("T2", template.Apply(Hi, new ChatTemplateOptions { Tools = tools, Documents = documents }));   // tool_use first
        Assert.Equal("R1<x>,<y>", template.Apply(Hi, new ChatTemplateOptions { Documents = documents }));
        Assert.Equal("D<s>hi</s>", template.Apply(Hi, new ChatTemplateOptions { Tools = tools, TemplateName = "default" }));
        Assert.Equal("T0", ChatTemplate.FromTokenizerConfig(Named, "tool_use").Apply(Hi));
        Assert.Equal("T0", template.GetSource("tool_use") == "T{{ tools | length }}" ? "T0" : "wrong source");
    }

    [Fact]
    public void Tools_without_a_tool_use_template_use_the_default()
    {
        var template = ChatTemplate.FromTokenizerConfig("""{"chat_template": [{"name": "default", "template": "D"}, {"name": "rag", "template": "R"}]}""");
        Assert.Equal("D", template.Apply(Hi, new ChatTemplateOptions { Tools = [] }));
    }

    [Fact]
    public void An_unknown_name_lists_the_available_names()
    {
        var template = ChatTemplate.FromTokenizerConfig(Named);
        var e = Assert.Throws<ChatTemplateNotFoundException>(() => template.Apply(Hi, new ChatTemplateOptions { TemplateName = "vision" }));
        Assert.Contains("'vision'", e.Message);
        Assert.Contains("default, rag, tool_use", e.Message);
        Assert.Equal(["default", "tool_use", "rag"], e.AvailableNames);
        Assert.Throws<ChatTemplateNotFoundException>(() => ChatTemplate.FromTokenizerConfig(Named, "vision"));
    }

    [Fact]
    public void Several_templates_without_a_default_need_a_name()
    {
        var template = ChatTemplate.FromTokenizerConfig("""{"chat_template": [{"name": "a", "template": "A"}, {"name": "b", "template": "B"}]}""");
        var e = Assert.Throws<ChatTemplateNotFoundException>(() => template.Apply(Hi));
        Assert.Contains("no default", e.Message);
        Assert.Contains("a, b", e.Message);
        Assert.Equal("B", template.Apply(Hi, new ChatTemplateOptions { TemplateName = "b" }));
    }

    [Fact]
    public void A_config_without_a_chat_template_says_so()
    {
        var e = Assert.Throws<ChatTemplateNotFoundException>(() => ChatTemplate.FromTokenizerConfig("""{"bos_token": "<s>"}"""));
        Assert.Contains("no chat template", e.Message);
        Assert.Empty(e.AvailableNames);
        var path = Path.Combine(_folder, "tokenizer_config.json");
        File.WriteAllText(path, """{"bos_token": "<s>", "chat_template": null}""");
        e = Assert.Throws<ChatTemplateNotFoundException>(() => ChatTemplate.FromTokenizerConfig(path));
        Assert.Contains("chat_template.jinja", e.Message);
    }

    [Fact]
    public void A_chat_template_jinja_beside_the_config_file_is_used()
    {
        var path = Path.Combine(_folder, "tokenizer_config.json");
        File.WriteAllText(path, """{"eos_token": {"content": "<|im_end|>"}}""");
        File.WriteAllText(Path.Combine(_folder, "chat_template.jinja"), "{% for m in messages %}{{ m.content }}{{ eos_token }}\n{% endfor %}");
        Directory.CreateDirectory(Path.Combine(_folder, "additional_chat_templates"));
        File.WriteAllText(Path.Combine(_folder, "additional_chat_templates", "tool_use.jinja"), "TOOLS");
        var template = ChatTemplate.FromTokenizerConfig(path);
        Assert.Equal(["default", "tool_use"], template.TemplateNames);
        Assert.Equal("hi<|im_end|>\n", template.Apply(Hi));
        Assert.Equal("TOOLS", template.Apply(Hi, new ChatTemplateOptions { Tools = [] }));
    }

    [Fact]
    public void A_chat_template_json_beside_the_config_file_is_used()
    {
        var path = Path.Combine(_folder, "tokenizer_config.json");
        File.WriteAllText(path, "{}");
        File.WriteAllText(Path.Combine(_folder, "chat_template.json"), """{"chat_template": "J{{ messages | length }}"}""");
        Assert.Equal("J1", ChatTemplate.FromTokenizerConfig(path).Apply(Hi));
    }

    [Fact]
    public void Unreadable_and_malformed_configs_are_package_errors()
    {
        Assert.Contains("Cannot read", Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromTokenizerConfig(Path.Combine(_folder, "missing.json"))).Message);
        Assert.Contains("not valid JSON", Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromTokenizerConfig("{\"chat_template\": ")).Message);
        Assert.Contains("'chat_template' is", Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromTokenizerConfig("""{"chat_template": 5}""")).Message);
        Assert.Contains("chat_template[0]", Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromTokenizerConfig("""{"chat_template": [{"name": "x"}]}""")).Message);
        Assert.Contains("'eos_token'", Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromTokenizerConfig("""{"chat_template": "x", "eos_token": 3}""")).Message);
    }
}
