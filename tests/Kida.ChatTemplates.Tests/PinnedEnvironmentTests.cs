using System.Text.Json;

namespace Kida.ChatTemplates.Tests;

/// <summary>
/// Cases rendered by Jinja2 3.1.6 in transformers' chat-template environment (tests/tools/pin_chat_environment.py):
/// whitespace control, loop controls, autoescaping, undefined values, the sandbox, raise_exception, strftime_now,
/// tojson, continue_final_message and the spans of {% generation %} blocks.
/// </summary>
public sealed class PinnedEnvironmentTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Pinned", "chat_environment.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    });

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Renders_as_transformers_does(string name)
    {
        var c = Cases.Value[name];
        var template = ChatTemplate.FromSource(c.GetProperty("template").GetString()!);
        var messages = (IReadOnlyList<object?>)ChatJson.Parse(c.GetProperty("messages").GetRawText())!;
        var options = new ChatTemplateOptions
        {
            AddGenerationPrompt = c.TryGetProperty("add_generation_prompt", out var agp) && agp.GetBoolean(),
            ContinueFinalMessage = c.TryGetProperty("continue_final_message", out var cfm) && cfm.GetBoolean(),
            Tools = c.TryGetProperty("tools", out var tools) ? (IReadOnlyList<object?>)ChatJson.Parse(tools.GetRawText())! : null,
            Documents = c.TryGetProperty("documents", out var docs) ? (IReadOnlyList<object?>)ChatJson.Parse(docs.GetRawText())! : null,
            Variables = c.TryGetProperty("variables", out var vars) ? (IReadOnlyDictionary<string, object?>)ChatJson.Parse(vars.GetRawText())! : null,
            TimeProvider = FixedClock.Pinned,
        };
        var withSpans = c.TryGetProperty("spans", out var spans) && spans.ValueKind == JsonValueKind.Array
                        || c.TryGetProperty("spans", out var flag) && flag.ValueKind == JsonValueKind.True;

        if (c.TryGetProperty("error", out var error))
        {
            var kind = error.GetProperty("kind").GetString();
            var message = error.GetProperty("message").GetString()!;
            var e = Assert.ThrowsAny<ChatTemplateException>(() => template.Apply(messages, options));
            switch (kind)
            {
                case "raised":
                    Assert.IsType<ChatTemplateRaisedException>(e);
                    Assert.Equal(message, e.Message);
                    Assert.IsAssignableFrom<TemplateException>(e.InnerException);
                    break;
                case "security":
                {
                    var inner = Assert.IsType<ChatTemplateRenderException>(e).TemplateError;
                    if (name == "env/sandbox-dunder")
                    {
                        // Known difference (docs/chat-templates.md): .NET values have no Python dunder attributes, so
                        // messages.__class__ is a missing attribute (undefined) and using it fails as undefined, not as
                        // Jinja2's SecurityError. Either way nothing is reached and the template fails.
                        Assert.IsType<UndefinedVariableException>(inner);
                        break;
                    }
                    Assert.IsType<TemplateSecurityException>(inner);
                    Assert.Contains(message, e.Message);
                    break;
                }
                case "undefined":
                    Assert.IsType<UndefinedVariableException>(Assert.IsType<ChatTemplateRenderException>(e).TemplateError);
                    Assert.Contains(message, e.Message);
                    break;
                case "render":
                    Assert.Contains(message, Assert.IsType<ChatTemplateRenderException>(e).Message);
                    break;
                case "input":
                    Assert.StartsWith(message.TrimEnd('.', '!'), Assert.IsType<ChatInputException>(e).Message);
                    break;
                default:
                    Assert.Fail($"unknown error kind {kind}");
                    break;
            }
            return;
        }

        var expected = c.GetProperty("expected").GetString();
        if (!withSpans)
        {
            Assert.Equal(expected, template.Apply(messages, options));
            return;
        }
        var prompt = template.ApplyWithSpans(messages, options);
        Assert.Equal(expected, prompt.Text);
        var expectedSpans = c.GetProperty("spans").EnumerateArray().Select(s => new ChatSpan(s[0].GetInt32(), s[1].GetInt32())).ToList();
        Assert.Equal(expectedSpans, prompt.AssistantSpans);
        // The plain render is the same text.
        Assert.Equal(expected, template.Apply(messages, options));
    }
}
