using System.Text;

namespace Kida.Tests.Cli;

/// <summary><c>kida chat apply</c>: a model's chat template over a conversation file, printed as the prompt.</summary>
public sealed class ChatCommandTests
{
    private const string Template =
        "{{ bos_token }}{% for m in messages %}{% if m.role == 'assistant' %}<a>{% generation %}{{ m.content }}{{ eos_token }}{% endgeneration %}" +
        "{% else %}<{{ m.role }}>{{ m.content }}\n{% endif %}{% endfor %}{% if add_generation_prompt %}<a>{% endif %}";

    private static string Config(string template) =>
        "{\"bos_token\": {\"content\": \"<s>\"}, \"eos_token\": \"</s>\", \"chat_template\": " + System.Text.Json.JsonSerializer.Serialize(template) + "}";

    private const string Conversation = """[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Bye"}]""";

    [Fact]
    public void Prints_the_prompt_of_a_tokenizer_config()
    {
        using var box = new CliSandbox();
        box.Write("model/tokenizer_config.json", Config(Template));
        box.Write("chat.json", Conversation);

        var run = box.Run("chat", "apply", "--config", box.PathOf("model/tokenizer_config.json"), "--messages", box.PathOf("chat.json"), "--add-generation-prompt");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<s><user>Hi\n<a>Hello!</s><user>Bye\n<a>", run.Out);
        // A model folder works as well as the file in it.
        Assert.Equal(run.Out, box.Run("chat", "apply", "--config", box.PathOf("model"), "--messages", box.PathOf("chat.json"), "--add-generation-prompt").Out);
    }

    [Fact]
    public void Show_spans_marks_the_generation_blocks_and_lists_them()
    {
        using var box = new CliSandbox();
        box.Write("tokenizer_config.json", Config(Template));
        box.Write("chat.json", Conversation);

        var run = box.Run("chat", "apply", "--config", box.PathOf("tokenizer_config.json"), "--messages", box.PathOf("chat.json"), "--show-spans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<s><user>Hi\n<a>⟦Hello!</s>⟧<user>Bye\n", run.Out);
        Assert.Contains("1 assistant span(s)", run.Error);
        Assert.Contains("span 1: start 15, length 10", run.Error);
    }

    [Fact]
    public void Tools_and_a_named_template_come_from_the_options_or_the_conversation_file()
    {
        using var box = new CliSandbox();
        box.Write("tokenizer_config.json", """
            {"chat_template": [{"name": "default", "template": "D"}, {"name": "tool_use", "template": "{% for t in tools %}{{ t.function.name }};{% endfor %}"}]}
            """);
        box.Write("chat.json", """[{"role": "user", "content": "Hi"}]""");
        box.Write("tools.json", """[{"type": "function", "function": {"name": "get_weather"}}]""");
        box.Write("both.json", """{"messages": [{"role": "user", "content": "Hi"}], "tools": [{"type": "function", "function": {"name": "inline"}}]}""");
        var config = box.PathOf("tokenizer_config.json");

        Assert.Equal("get_weather;", box.Run("chat", "apply", "--config", config, "--messages", box.PathOf("chat.json"), "--tools", box.PathOf("tools.json")).Out);
        Assert.Equal("inline;", box.Run("chat", "apply", "--config", config, "--messages", box.PathOf("both.json")).Out);
        Assert.Equal("D", box.Run("chat", "apply", "--config", config, "--messages", box.PathOf("both.json"), "--template", "default").Out);
    }

    [Fact]
    public void Reads_a_gguf_model_file()
    {
        using var box = new CliSandbox();
        var path = box.PathOf("model.gguf");
        File.WriteAllBytes(path, Gguf(("tokenizer.chat_template", "{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}")));
        box.Write("chat.json", """[{"role": "user", "content": "Hi"}]""");

        var run = box.Run("chat", "apply", "--config", path, "--messages", box.PathOf("chat.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("[user]Hi", run.Out);
    }

    [Fact]
    public void Refused_input_is_exit_1_with_the_reason_and_missing_files_exit_2()
    {
        using var box = new CliSandbox();
        box.Write("tokenizer_config.json", Config("{{ raise_exception('Roles must alternate') }}"));
        box.Write("chat.json", """[{"role": "user", "content": "Hi"}]""");
        box.Write("bad.json", """[{"content": "no role"}]""");
        box.Write("nochat.json", """{"bos_token": "<s>"}""");
        var config = box.PathOf("tokenizer_config.json");

        var raised = box.Run("chat", "apply", "--config", config, "--messages", box.PathOf("chat.json"));
        Assert.Equal(1, raised.ExitCode);
        Assert.Contains("error: Roles must alternate", raised.Error);
        Assert.Contains("has no 'role'", box.Run("chat", "apply", "--config", config, "--messages", box.PathOf("bad.json")).Error);
        Assert.Contains("no chat template", box.Run("chat", "apply", "--config", box.PathOf("nochat.json"), "--messages", box.PathOf("chat.json")).Error);
        var missing = box.Run("chat", "apply", "--config", box.PathOf("none.json"), "--messages", box.PathOf("chat.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);
        File.WriteAllBytes(box.PathOf("broken.gguf"), Encoding.ASCII.GetBytes("GGUF\u0003"));
        var broken = box.Run("chat", "apply", "--config", box.PathOf("broken.gguf"), "--messages", box.PathOf("chat.json"));
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("truncated", broken.Error);
    }

    [Fact]
    public void Help_lists_the_options()
    {
        using var box = new CliSandbox();
        var run = box.Run("chat", "apply", "--help");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--config", "--messages", "--add-generation-prompt", "--tools", "--template", "--show-spans", "--continue-final-message" })
            Assert.Contains(option, run.Out);
        Assert.Contains("kida chat apply", run.Out);
    }

    /// <summary>A GGUF v3 file holding only string metadata.</summary>
    private static byte[] Gguf(params (string Key, string Value)[] strings)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write(0UL);
        w.Write((ulong)strings.Length);
        foreach (var (key, value) in strings)
        {
            foreach (var s in new[] { key })
            {
                var b = Encoding.UTF8.GetBytes(s);
                w.Write((ulong)b.Length);
                w.Write(b);
            }
            w.Write(8u);
            var v = Encoding.UTF8.GetBytes(value);
            w.Write((ulong)v.Length);
            w.Write(v);
        }
        return stream.ToArray();
    }
}
