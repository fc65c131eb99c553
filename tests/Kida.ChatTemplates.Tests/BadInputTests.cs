namespace Kida.ChatTemplates.Tests;

/// <summary>Every user mistake is one of the package's exceptions, naming what was wrong.</summary>
public sealed class BadInputTests
{
    private static readonly ChatTemplate Loop = ChatTemplate.FromSource("{% for m in messages %}{{ m.role }}:{{ m.content }};{% endfor %}");

    [Fact]
    public void A_message_that_is_not_a_dictionary_names_its_index()
    {
        var e = Assert.Throws<ChatInputException>(() => Loop.Apply(ApplyTests.Messages("""[{"role": "user", "content": "a"}, "hello"]""")));
        Assert.Contains("Message 1", e.Message);
        Assert.Contains("not a dictionary", e.Message);
    }

    [Fact]
    public void A_message_without_a_role_or_with_a_non_string_role_is_refused()
    {
        Assert.Contains("Message 0 has no 'role'", Assert.Throws<ChatInputException>(() => Loop.Apply(ApplyTests.Messages("""[{"content": "a"}]"""))).Message);
        Assert.Contains("not a string", Assert.Throws<ChatInputException>(() => Loop.Apply(ApplyTests.Messages("""[{"role": 3}]"""))).Message);
    }

    [Fact]
    public void Unknown_roles_and_missing_content_pass_through_as_in_transformers()
    {
        // transformers validates neither; the template decides (many raise_exception on roles they do not know).
        Assert.Equal("critic:;tool:x;", Loop.Apply(ApplyTests.Messages("""[{"role": "critic"}, {"role": "tool", "content": "x"}]""")));
    }

    [Fact]
    public void Plain_dictionaries_work_as_messages_and_are_not_changed()
    {
        var message = new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" };
        Assert.Equal("user:hi;", Loop.Apply([message]));
        var cont = ChatTemplate.FromSource("{% for m in messages %}{{ m.content }}|{% endfor %}");
        Assert.Equal("hi", cont.Apply([message], new ChatTemplateOptions { ContinueFinalMessage = true }));
        Assert.Equal("hi", message["content"]);
    }

    [Fact]
    public void A_document_that_is_not_a_dictionary_is_refused()
    {
        var e = Assert.Throws<ChatInputException>(() => Loop.Apply([], new ChatTemplateOptions { Documents = ["text"] }));
        Assert.StartsWith("Documents should be a list of dicts with 'title' and 'text' keys!", e.Message);
    }

    [Fact]
    public void A_tool_that_is_not_a_dictionary_is_refused()
    {
        Assert.Contains("tool 0", Assert.Throws<ChatInputException>(() => Loop.Apply([], new ChatTemplateOptions { Tools = ["f"] })).Message);
    }

    [Fact]
    public void Variables_may_not_repeat_the_named_arguments()
    {
        var e = Assert.Throws<ChatInputException>(() => Loop.Apply([], new ChatTemplateOptions { Variables = new Dictionary<string, object?> { ["messages"] = 1 } }));
        Assert.Contains("'messages'", e.Message);
    }

    [Fact]
    public void Spans_and_continue_final_message_do_not_go_together()
    {
        var e = Assert.Throws<ChatInputException>(() =>
            Loop.ApplyWithSpans(ApplyTests.Messages("""[{"role": "user", "content": "a"}]"""), new ChatTemplateOptions { ContinueFinalMessage = true }));
        Assert.Equal("continue_final_message is not compatible with return_assistant_tokens_mask.", e.Message);
    }

    [Fact]
    public void Continue_final_message_without_content_or_messages_is_refused()
    {
        Assert.Contains("no \"content\"", Assert.Throws<ChatInputException>(() =>
            Loop.Apply(ApplyTests.Messages("""[{"role": "assistant", "content": null}]"""), new ChatTemplateOptions { ContinueFinalMessage = true })).Message);
        Assert.Contains("no messages", Assert.Throws<ChatInputException>(() => Loop.Apply([], new ChatTemplateOptions { ContinueFinalMessage = true })).Message);
    }

    [Fact]
    public void A_syntax_error_names_the_template_line_and_column()
    {
        var template = ChatTemplate.FromSource("ok\n{% for m in messages %}{{ m.content }");
        var e = Assert.Throws<ChatTemplateRenderException>(() => template.Apply([]));
        Assert.Contains("'default'", e.Message);
        Assert.Equal(2, e.TemplateError.Line);
        Assert.IsType<TemplateSyntaxException>(e.InnerException);
    }

    [Fact]
    public void A_runtime_error_keeps_the_engine_error_with_its_location()
    {
        var template = ChatTemplate.FromSource("{{ messages[0].content }}{{ 1 // 0 }}");
        var e = Assert.Throws<ChatTemplateRenderException>(() => template.Apply(ApplyTests.Messages("""[{"role": "user", "content": "a"}]""")));
        Assert.Equal(1, e.TemplateError.Line);
        Assert.NotNull(e.TemplateError.Column);
    }

    [Fact]
    public void Raise_exception_carries_exactly_the_message_and_the_location()
    {
        var template = ChatTemplate.FromSource("x\n{{ raise_exception('Roles must alternate!') }}");
        var e = Assert.Throws<ChatTemplateRaisedException>(() => template.Apply([]));
        Assert.Equal("Roles must alternate!", e.Message);
        Assert.Equal(2, Assert.IsAssignableFrom<TemplateException>(e.InnerException).Line);
    }

    [Fact]
    public void Strftime_now_reads_the_injected_clock_and_checks_its_argument()
    {
        var template = ChatTemplate.FromSource("{{ strftime_now('%d %B %Y, %H:%M') }}");
        Assert.Equal("05 March 2026, 14:07", template.Apply([], new ChatTemplateOptions { TimeProvider = FixedClock.Pinned }));
        Assert.Throws<ChatTemplateRenderException>(() => ChatTemplate.FromSource("{{ strftime_now() }}").Apply([]));
        Assert.Throws<ChatTemplateRenderException>(() => ChatTemplate.FromSource("{{ strftime_now(5) }}").Apply([]));
    }

    [Fact]
    public void Apply_is_safe_from_many_threads_with_different_clocks()
    {
        var template = ChatTemplate.FromSource("{{ strftime_now('%Y') }}{% for m in messages %}{{ m.content }}{% endfor %}");
        Parallel.For(0, 200, i =>
        {
            var clock = new FixedClock(new DateTime(2000 + i % 50, 1, 1));
            var text = template.Apply([new Dictionary<string, object?> { ["role"] = "user", ["content"] = i.ToString() }], new ChatTemplateOptions { TimeProvider = clock });
            Assert.Equal($"{2000 + i % 50}{i}", text);
        });
    }
}
