using Kida.Runtime.Values;

namespace Kida.ChatTemplates;

/// <summary>
/// A language model's chat template (or its set of named templates) with its special tokens: renders conversations into
/// the prompt text exactly as Hugging Face transformers' <c>apply_chat_template(..., tokenize=False)</c> does. Load one
/// with <see cref="FromTokenizerConfig"/>, <see cref="FromGguf(string, string?)"/> or <see cref="FromSource"/>; each
/// template compiles once, on first use. Immutable and thread-safe: share one instance and call <see cref="Apply"/>
/// from any number of threads.
/// </summary>
/// <example>
/// <code>
/// var template = ChatTemplate.FromTokenizerConfig("models/qwen/tokenizer_config.json");
/// var messages = (IReadOnlyList&lt;object?&gt;)ChatJson.Parse("""[{"role": "user", "content": "Hi!"}]""")!;
/// string prompt = template.Apply(messages, new ChatTemplateOptions { AddGenerationPrompt = true });
/// </code>
/// </example>
public sealed class ChatTemplate
{
    /// <summary>The tag transformers appends to the final message for <c>continue_final_message</c> and cuts at.</summary>
    private const string ContinueTag = "CONTINUE_FINAL_MESSAGE_TAG ";

    private static readonly string[] ReservedVariables = ["messages", "tools", "documents", "add_generation_prompt"];

    private readonly string[] _names;
    private readonly string[] _sources;
    private readonly Lazy<Template>[] _compiled;
    // The special tokens as template variables, made once (SpecialTokens cannot change).
    private readonly Dictionary<string, object?> _tokenVariables;
    private readonly string _origin;

    internal ChatTemplate(IReadOnlyList<KeyValuePair<string, string>> templates, IReadOnlyDictionary<string, string> specialTokens,
        IReadOnlyList<object?>? additionalSpecialTokens, string origin)
    {
        _names = templates.Select(t => t.Key).ToArray();
        _sources = templates.Select(t => t.Value).ToArray();
        _origin = origin;
        _compiled = new Lazy<Template>[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var index = i;
            _compiled[i] = new Lazy<Template>(() => Compile(index), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        SpecialTokens = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>(specialTokens));
        _tokenVariables = new Dictionary<string, object?>(SpecialTokens.Count + 1);
        foreach (var kv in SpecialTokens) _tokenVariables[kv.Key] = kv.Value;
        if (additionalSpecialTokens is not null) _tokenVariables["additional_special_tokens"] = additionalSpecialTokens;
    }

    /// <summary>
    /// Reads a <c>tokenizer_config.json</c> (a file path, or the JSON text itself): its <c>chat_template</c> — a string,
    /// or a list of <c>{"name", "template"}</c> objects — and its special tokens (<c>bos_token</c>, <c>eos_token</c>,
    /// <c>unk_token</c>, <c>sep_token</c>, <c>pad_token</c>, <c>cls_token</c>, <c>mask_token</c>, as strings or
    /// <c>{"content": …}</c> objects). When the config is a file and has no template, <c>chat_template.jinja</c> (or
    /// <c>chat_template.json</c>) in the same folder is used, as transformers does.
    /// </summary>
    /// <param name="pathOrJson">A path to the config file, or its JSON text (text starting with <c>{</c>).</param>
    /// <param name="name">The template to make the default of <see cref="Apply"/> (null: transformers' selection).</param>
    /// <returns>The chat template.</returns>
    /// <exception cref="ChatTemplateNotFoundException">The config has no chat template, or none named <paramref name="name"/>.</exception>
    /// <exception cref="ChatTemplateException">The file cannot be read or is not a valid configuration.</exception>
    public static ChatTemplate FromTokenizerConfig(string pathOrJson, string? name = null) => TokenizerConfig.Load(pathOrJson, name);

    /// <summary>
    /// Reads the chat template of a GGUF model file (<c>tokenizer.chat_template</c>, and <c>tokenizer.chat_template.NAME</c>
    /// for named ones) and its BOS/EOS tokens, from the header only: the tensor data is never read.
    /// </summary>
    /// <param name="path">The <c>.gguf</c> file.</param>
    /// <param name="name">The template to make the default of <see cref="Apply"/> (null: transformers' selection).</param>
    /// <returns>The chat template.</returns>
    /// <exception cref="GgufFormatException">The file is not a GGUF file or its header is damaged.</exception>
    /// <exception cref="ChatTemplateNotFoundException">The file has no chat template, or none named <paramref name="name"/>.</exception>
    public static ChatTemplate FromGguf(string path, string? name = null) => GgufChatTemplate.Load(path, name);

    /// <summary>Reads the chat template of a GGUF model from a stream; see <see cref="FromGguf(string, string?)"/>. The stream is not disposed.</summary>
    /// <param name="stream">The GGUF data, positioned at its start. A seekable stream lets every length be checked against the file's size.</param>
    /// <param name="name">The template to make the default of <see cref="Apply"/> (null: transformers' selection).</param>
    /// <returns>The chat template.</returns>
    /// <exception cref="GgufFormatException">The data is not GGUF or its header is damaged.</exception>
    /// <exception cref="ChatTemplateNotFoundException">The file has no chat template, or none named <paramref name="name"/>.</exception>
    public static ChatTemplate FromGguf(Stream stream, string? name = null) => GgufChatTemplate.Load(stream, "<stream>", name);

    /// <summary>A bare template source with its special tokens (template variables such as <c>bos_token</c>).</summary>
    /// <param name="source">The Jinja2 chat template.</param>
    /// <param name="specialTokens">Variables such as <c>bos_token</c> and <c>eos_token</c>; null for none.</param>
    /// <returns>The chat template, named <c>"default"</c>.</returns>
    public static ChatTemplate FromSource(string source, IReadOnlyDictionary<string, string>? specialTokens = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate([new("default", source)], Copy(specialTokens), null, "<source>");
    }

    internal static IReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string>? tokens) =>
        tokens is null ? new Dictionary<string, string>() : new Dictionary<string, string>(tokens);

    /// <summary>The names of the templates, in source order: <c>"default"</c> alone for a single template.</summary>
    public IReadOnlyList<string> TemplateNames => _names;

    /// <summary>The special tokens passed to the template as variables (<c>bos_token</c>, <c>eos_token</c>, …).</summary>
    public IReadOnlyDictionary<string, string> SpecialTokens { get; }

    /// <summary>The name given when loading (from <see cref="FromTokenizerConfig"/>/<see cref="FromGguf(string, string?)"/>), used when the options name none.</summary>
    internal string? DefaultName { get; init; }

    /// <summary>The source text of a template.</summary>
    /// <param name="name">The template's name; null for the one <see cref="Apply"/> would select with no tools or documents.</param>
    /// <returns>The Jinja2 source.</returns>
    /// <exception cref="ChatTemplateNotFoundException">There is no template of that name.</exception>
    public string GetSource(string? name = null) => _sources[Select(name, tools: false, documents: false)];

    /// <summary>
    /// Renders a conversation into the prompt text, as transformers' <c>apply_chat_template(messages, tokenize=False,
    /// ...)</c>: the template sees <c>messages</c>, <c>tools</c>, <c>documents</c>, <c>add_generation_prompt</c>, the
    /// special tokens and <see cref="ChatTemplateOptions.Variables"/>.
    /// </summary>
    /// <param name="messages">The conversation: dictionaries with at least a <c>role</c> (from <see cref="ChatJson.Parse"/>,
    /// <see cref="ChatMessages.From"/>, or your own <see cref="IReadOnlyDictionary{TKey, TValue}"/>s). They are not changed.</param>
    /// <param name="options">Generation prompt, tools, documents, extra variables, template name, clock; null for the defaults.</param>
    /// <returns>The prompt.</returns>
    /// <exception cref="ChatInputException">A message is not a dictionary or has no string <c>role</c>; options contradict each other; <c>continue_final_message</c> cannot find the final message.</exception>
    /// <exception cref="ChatTemplateRaisedException">The template called <c>raise_exception</c>.</exception>
    /// <exception cref="ChatTemplateRenderException">The template failed to compile or render.</exception>
    /// <exception cref="ChatTemplateNotFoundException">The options name a template that does not exist, or none can be selected.</exception>
    public string Apply(IReadOnlyList<object?> messages, ChatTemplateOptions? options = null) => Run(messages, options, null).Text;

    /// <summary>
    /// <see cref="Apply"/>, also returning the ranges of the prompt produced inside <c>{% generation %}</c> blocks (the
    /// assistant text that transformers' <c>return_assistant_tokens_mask</c> marks). A template without generation
    /// blocks gives no spans.
    /// </summary>
    /// <param name="messages">The conversation, as for <see cref="Apply"/>.</param>
    /// <param name="options">As for <see cref="Apply"/>; <see cref="ChatTemplateOptions.ContinueFinalMessage"/> is refused, as in transformers.</param>
    /// <returns>The prompt and its assistant spans.</returns>
    /// <exception cref="ChatTemplateException">As for <see cref="Apply"/>.</exception>
    public ChatPrompt ApplyWithSpans(IReadOnlyList<object?> messages, ChatTemplateOptions? options = null)
    {
        if (options?.ContinueFinalMessage == true)
            throw new ChatInputException("continue_final_message is not compatible with return_assistant_tokens_mask.");
        var spans = new List<OutputSpan>();
        var (text, _) = Run(messages, options, spans);
        var result = new ChatSpan[spans.Count];
        for (var i = 0; i < spans.Count; i++) result[i] = new ChatSpan((int)spans[i].Start, (int)spans[i].Length);
        return new ChatPrompt(text, result);
    }

    private (string Text, int Template) Run(IReadOnlyList<object?> messages, ChatTemplateOptions? options, List<OutputSpan>? spans)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= ChatTemplateOptions.Default;
        if (options.ContinueFinalMessage && options.AddGenerationPrompt)
            throw new ChatInputException(
                "continue_final_message and add_generation_prompt are not compatible. Use continue_final_message when you want the model to continue the final message, and add_generation_prompt when you want to add a header that will prompt it to start a new assistant message instead.");
        ValidateMessages(messages);
        if (options.Documents is { } documents)
            for (var i = 0; i < documents.Count; i++)
                if (!ChatValues.IsDictionary(documents[i]))
                    throw new ChatInputException($"Documents should be a list of dicts with 'title' and 'text' keys! (document {i} is {ChatValues.Describe(documents[i])})");
        if (options.Tools is { } tools)
            for (var i = 0; i < tools.Count; i++)
                if (!ChatValues.IsDictionary(tools[i]))
                    throw new ChatInputException($"Tools should either be a JSON schema (a dictionary) or a function; tool {i} is {ChatValues.Describe(tools[i])}.");

        var index = Select(options.TemplateName ?? DefaultName, options.Tools is not null, options.Documents is not null);
        var template = _compiled[index].Value;

        string? finalText = null;
        if (options.ContinueFinalMessage) (messages, finalText) = TagFinalMessage(messages);

        if (options.Variables is { } variables)
            foreach (var kv in variables)
                if (Array.IndexOf(ReservedVariables, kv.Key) >= 0)
                    throw new ChatInputException($"apply_chat_template got multiple values for keyword argument '{kv.Key}': set it through ChatTemplateOptions, not Variables.");
        var context = new ChatVariables(_tokenVariables, options.Variables,
            ReferenceEquals(options.TimeProvider, TimeProvider.System) ? null : ChatEnvironment.StrftimeFor(options.TimeProvider),
            messages, options.Tools, options.Documents, options.AddGenerationPrompt);

        string text;
        try
        {
            text = spans is null ? template.Render(context) : template.Render(context, spans);
        }
        catch (TemplateException e)
        {
            throw Translate(e, _names[index]);
        }
        if (finalText is not null) text = CutAtFinalMessage(text, finalText);
        return (text, index);
    }

    private static void ValidateMessages(IReadOnlyList<object?> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!ChatValues.IsDictionary(message))
                throw new ChatInputException($"Message {i} is {ChatValues.Describe(message)}, not a dictionary with 'role' and 'content'.");
            if (!ChatValues.TryGet(message, "role", out var role))
                throw new ChatInputException($"Message {i} has no 'role'.");
            if (role is not (string or Markup))
                throw new ChatInputException($"Message {i} has a 'role' that is {ChatValues.Describe(role)}, not a string.");
        }
    }

    // transformers (render_jinja_template): append the tag to the final message's content — or to the text of its last
    // text block — in a copy of the conversation, then cut the output where the tag appears.
    private static (IReadOnlyList<object?> Messages, string Final) TagFinalMessage(IReadOnlyList<object?> messages)
    {
        if (messages.Count == 0)
            throw new ChatInputException("continue_final_message is set but there are no messages to continue.");
        var last = messages[^1]!;
        ChatValues.TryGet(last, "content", out var content);
        var copy = ChatValues.Copy(last);
        string final;
        switch (content)
        {
            case string s:
                final = s;
                copy["content"] = s + ContinueTag;
                break;
            case Markup m:
                final = m.ToString();
                copy["content"] = final + ContinueTag;
                break;
            case IReadOnlyList<object?> or System.Collections.IList when content is not null:
            {
                var blocks = ((System.Collections.IEnumerable)content).Cast<object?>().ToList();
                var found = -1;
                for (var i = blocks.Count - 1; i >= 0; i--)
                    if (ChatValues.IsDictionary(blocks[i]) && ChatValues.TryGet(blocks[i], "text", out _)) { found = i; break; }
                if (found < 0)
                    throw new ChatInputException("continue_final_message is set but we could not find any text to continue in the final message!");
                ChatValues.TryGet(blocks[found], "text", out var text);
                final = text as string ?? throw new ChatInputException("continue_final_message is set but the text of the final message's last text block is not a string.");
                var block = ChatValues.Copy(blocks[found]!);
                block["text"] = final + ContinueTag;
                blocks[found] = block;
                copy["content"] = blocks;
                break;
            }
            default:
                throw new ChatInputException("continue_final_message is set but the final message has no \"content\" to continue!");
        }
        var list = new List<object?>(messages.Count);
        for (var i = 0; i < messages.Count - 1; i++) list.Add(messages[i]);
        list.Add(copy);
        return (list, final);
    }

    private static string CutAtFinalMessage(string rendered, string final)
    {
        var tag = ContinueTag.Trim();
        if (!rendered.Contains(final.Trim(), StringComparison.Ordinal) || !rendered.Contains(tag, StringComparison.Ordinal))
            throw new ChatInputException(
                "continue_final_message is set but the final message does not appear in the chat after applying the chat template! This can happen if the chat template deletes portions of the final message. Please verify the chat template and final message in your chat to ensure they are compatible.");
        var at = rendered.LastIndexOf(tag, StringComparison.Ordinal);
        return at + ContinueTag.Length <= rendered.Length && string.CompareOrdinal(rendered, at, ContinueTag, 0, ContinueTag.Length) == 0
            ? rendered[..at]
            : rendered[..at].TrimEnd(PythonWhitespace);
    }

    // str.rstrip() with no argument: Unicode whitespace as Python defines it.
    private static readonly char[] PythonWhitespace =
        [' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003',
         '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

    private int Select(string? name, bool tools, bool documents)
    {
        if (name is not null)
        {
            var i = Array.IndexOf(_names, name);
            if (i >= 0) return i;
            throw new ChatTemplateNotFoundException(
                $"{_origin} has no chat template named '{name}'. Available template names are: {string.Join(", ", _names.Order(StringComparer.Ordinal))}.", _names);
        }
        if (_names.Length == 1) return 0;
        if (tools && Array.IndexOf(_names, "tool_use") is var t and >= 0) return t;
        if (documents && Array.IndexOf(_names, "rag") is var r and >= 0) return r;
        if (Array.IndexOf(_names, "default") is var d and >= 0) return d;
        throw new ChatTemplateNotFoundException(
            $"{_origin} has multiple chat templates with no default specified! Please either pass a chat template or the name of the template you wish to use. Available template names are {string.Join(", ", _names.Order(StringComparer.Ordinal))}.", _names);
    }

    /// <summary>The compiled template of a name, compiling it on first use (tests check it is compiled once).</summary>
    internal Template Compiled(string name) => _compiled[Array.IndexOf(_names, name)].Value;

    private Template Compile(int index)
    {
        try
        {
            return ChatEnvironment.Instance.FromString(_sources[index], _names[index]);
        }
        catch (TemplateException e)
        {
            throw new ChatTemplateRenderException($"The chat template '{_names[index]}' of {_origin} does not compile: {e.Message}", e);
        }
    }

    private ChatTemplateException Translate(TemplateException e, string name)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is TemplateRaisedError raised) return new ChatTemplateRaisedException(raised.RaisedMessage, e);
        return new ChatTemplateRenderException($"The chat template '{name}' of {_origin} failed: {e.Message}", e);
    }
}
