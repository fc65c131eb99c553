using Kida.ChatTemplates;

namespace Kida.ChatTemplates.Tests;

/// <summary>
/// Every case of the corpus of real chat templates, rendered by the package and compared byte for byte with what
/// transformers' apply_chat_template gives (pinned by tests/tools/pin_chat_templates.py on Jinja2 3.1.6).
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> CaseKeys() => new(ChatCorpus.CaseKeys);

    [Theory]
    [MemberData(nameof(CaseKeys))]
    public void Case_renders_like_transformers(string key)
    {
        if (ChatCorpus.Skips.TryGetValue(key, out var reason)) Assert.Skip(reason);
        var (entry, c) = ChatCorpus.Get(key);
        var template = entry.Compile();
        var messages = c.Messages();
        var options = c.Options();
        Func<string> apply = c.ReturnAssistantTokensMask
            ? () => template.ApplyWithSpans(messages, options).Text
            : () => template.Apply(messages, options);
        switch (c.ErrorKind)
        {
            case "raise_exception":
                var raised = Assert.Throws<ChatTemplateRaisedException>(() => apply());
                Assert.Equal(c.ErrorMessage, raised.Message);
                break;
            case "invalid_request":
                var rejected = Assert.ThrowsAny<ChatTemplateException>(() => apply());
                Assert.IsNotType<ChatTemplateRaisedException>(rejected);
                break;
            default:
                Assert.Equal(c.Expected, template.Apply(messages, options));
                if (c.ReturnAssistantTokensMask)
                {
                    var prompt = template.ApplyWithSpans(messages, options);
                    Assert.Equal(c.Expected, prompt.Text);
                    Assert.Equal(c.ExpectedSpans!, prompt.AssistantSpans);
                }
                break;
        }
    }

    [Fact]
    public void The_corpus_holds_at_least_60_templates_each_with_three_conversations()
    {
        Assert.True(ChatCorpus.Entries.Count >= 60, $"{ChatCorpus.Entries.Count} templates");
        Assert.All(ChatCorpus.Entries.Values, e => Assert.True(e.Cases.Count >= 3, $"{e.Id}: {e.Cases.Count} cases"));
    }

    [Fact]
    public void Every_case_of_a_template_with_generation_blocks_pins_its_spans()
    {
        var withBlocks = ChatCorpus.Entries.Values.Where(e => e.HasGenerationBlocks).ToList();
        Assert.NotEmpty(withBlocks);
        Assert.All(withBlocks.SelectMany(e => e.Cases).Where(c => c.ErrorKind is null && !c.ContinueFinalMessage),
            c => Assert.True(c.ReturnAssistantTokensMask && c.ExpectedSpans is not null, c.Id));
        Assert.Contains(withBlocks.SelectMany(e => e.Cases), c => c.ExpectedSpans is { Count: > 1 });
    }

    [Fact]
    public void Every_skip_names_an_existing_case()
    {
        var keys = ChatCorpus.CaseKeys.ToHashSet(StringComparer.Ordinal);
        Assert.All(ChatCorpus.Skips.Keys, key => Assert.Contains(key, keys));
    }
}
