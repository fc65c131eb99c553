using System.CommandLine;
using System.Globalization;
using System.Text;
using Kida.ChatTemplates;
using Kida.Runtime.Values;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida chat apply --config tokenizer_config.json|model.gguf --messages conversation.json [...]</c>: renders a
/// conversation with a model's chat template exactly as transformers' <c>apply_chat_template</c> does and prints the
/// prompt. <c>--show-spans</c> wraps the text of <c>{% generation %}</c> blocks in ⟦ ⟧ and lists the spans on stderr.
/// Exit codes: 0 printed, 1 the template or the input was refused, 2 a file is missing.
/// </summary>
internal sealed class ChatCommand(CliConsole console)
{
    /// <summary>The markers <c>--show-spans</c> puts around each assistant span.</summary>
    public const string SpanStart = "⟦", SpanEnd = "⟧";

    public static Command Create(CliConsole console)
    {
        var config = new Option<string>("--config")
        {
            Description = "tokenizer_config.json, a model folder holding one, or a .gguf model file",
            Required = true,
        };
        var messages = new Option<string>("--messages")
        {
            Description = "JSON file: a list of messages, or an object with \"messages\" (and optionally \"tools\", \"documents\")",
            Required = true,
        };
        var generationPrompt = new Option<bool>("--add-generation-prompt") { Description = "Append the header that starts the assistant's turn" };
        var continueFinal = new Option<bool>("--continue-final-message") { Description = "End the prompt inside the final message, for the model to continue it" };
        var tools = new Option<string?>("--tools") { Description = "JSON file with a list of tool schemas ({type: function, function: {name, description, parameters}})" };
        var template = new Option<string?>("--template") { Description = "Use the named template (default, tool_use, rag, ...)" };
        var showSpans = new Option<bool>("--show-spans") { Description = $"Mark assistant spans ({{% generation %}} blocks) with {SpanStart} {SpanEnd} and list them on stderr" };
        var apply = new Command("apply", "Render a conversation with a model's chat template and print the prompt")
        {
            config, messages, generationPrompt, continueFinal, tools, template, showSpans,
        };
        apply.SetAction(parse => new ChatCommand(console).Apply(new Request(
            parse.GetRequiredValue(config), parse.GetRequiredValue(messages), parse.GetValue(generationPrompt), parse.GetValue(continueFinal),
            parse.GetValue(tools), parse.GetValue(template), parse.GetValue(showSpans))));
        return new Command("chat", "Language-model chat templates (transformers' apply_chat_template)") { apply };
    }

    internal sealed record Request(string Config, string Messages, bool AddGenerationPrompt, bool ContinueFinalMessage,
        string? Tools, string? Template, bool ShowSpans);

    public int Apply(Request request)
    {
        foreach (var file in new[] { request.Config, request.Messages, request.Tools })
        {
            if (file is not null && !File.Exists(file) && !Directory.Exists(file))
            {
                console.Error.WriteLine($"error: '{file}' does not exist");
                return 2;
            }
        }
        try
        {
            var template = Load(request.Config, request.Template);
            var (messages, tools, documents) = ReadConversation(request.Messages);
            if (request.Tools is not null)
                tools = ChatJson.Parse(File.ReadAllText(request.Tools)) as IReadOnlyList<object?>
                    ?? throw new ChatInputException($"'{request.Tools}' is not a JSON list of tools.");
            var options = new ChatTemplateOptions
            {
                AddGenerationPrompt = request.AddGenerationPrompt,
                ContinueFinalMessage = request.ContinueFinalMessage,
                Tools = tools,
                Documents = documents,
                TemplateName = request.Template,
            };
            if (!request.ShowSpans)
            {
                console.Out.Write(template.Apply(messages, options));
                return 0;
            }
            var prompt = template.ApplyWithSpans(messages, options);
            console.Out.Write(Mark(prompt));
            var inv = CultureInfo.InvariantCulture;
            console.Error.WriteLine(string.Create(inv, $"{prompt.AssistantSpans.Count} assistant span(s)"));
            for (var i = 0; i < prompt.AssistantSpans.Count; i++)
            {
                var span = prompt.AssistantSpans[i];
                console.Error.WriteLine(string.Create(inv, $"  span {i + 1}: start {span.Start}, length {span.Length}"));
            }
            return 0;
        }
        catch (ChatTemplateException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static ChatTemplate Load(string config, string? name)
    {
        if (Directory.Exists(config)) config = Path.Combine(config, "tokenizer_config.json");
        if (IsGguf(config)) return ChatTemplate.FromGguf(config, name);
        return ChatTemplate.FromTokenizerConfig(config, name);
    }

    private static bool IsGguf(string path)
    {
        if (path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)) return true;
        if (!File.Exists(path)) return false;
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("GGUF"u8);
    }

    private static (IReadOnlyList<object?> Messages, IReadOnlyList<object?>? Tools, IReadOnlyList<object?>? Documents) ReadConversation(string path)
    {
        var value = ChatJson.Parse(File.ReadAllText(path));
        switch (value)
        {
            case List<object?> list:
                return (list, null, null);
            case PyDict dict when dict.TryGetValue("messages", out var m) && m is List<object?> messages:
                return (messages,
                    dict.TryGetValue("tools", out var t) ? t as List<object?> : null,
                    dict.TryGetValue("documents", out var d) ? d as List<object?> : null);
            default:
                throw new ChatInputException($"'{path}' is neither a JSON list of messages nor an object with a \"messages\" list.");
        }
    }

    private static string Mark(ChatPrompt prompt)
    {
        // Spans may nest or touch: insert the markers at their offsets, ends before starts at the same offset.
        var marks = new List<(int At, int Order, string Text)>();
        foreach (var span in prompt.AssistantSpans)
        {
            marks.Add((span.Start, 1, SpanStart));
            marks.Add((span.End, 0, SpanEnd));
        }
        marks.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
        var sb = new StringBuilder(prompt.Text.Length + marks.Count * 2);
        var last = 0;
        foreach (var (at, _, text) in marks)
        {
            sb.Append(prompt.Text, last, at - last).Append(text);
            last = at;
        }
        return sb.Append(prompt.Text, last, prompt.Text.Length - last).ToString();
    }
}
