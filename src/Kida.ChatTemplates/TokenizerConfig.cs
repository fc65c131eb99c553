using System.Text.Json;
using Kida.Runtime.Values;

namespace Kida.ChatTemplates;

/// <summary>
/// Reads a Hugging Face <c>tokenizer_config.json</c>: <c>chat_template</c> (a string, or a list of
/// <c>{"name", "template"}</c>), the special tokens (strings or AddedToken objects <c>{"content": …}</c>), and — when the
/// config is a file without a template — <c>chat_template.jinja</c> or <c>chat_template.json</c> beside it.
/// </summary>
internal static class TokenizerConfig
{
    /// <summary>The special-token attributes transformers puts into <c>special_tokens_map</c>.</summary>
    internal static readonly string[] SpecialTokenKeys = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

    public static ChatTemplate Load(string pathOrJson, string? name)
    {
        ArgumentNullException.ThrowIfNull(pathOrJson);
        var trimmed = pathOrJson.AsSpan().TrimStart();
        string json;
        string? folder = null;
        string origin;
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            json = pathOrJson;
            origin = "the tokenizer configuration";
        }
        else
        {
            origin = $"'{pathOrJson}'";
            try
            {
                json = File.ReadAllText(pathOrJson);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new ChatTemplateException($"Cannot read the tokenizer configuration {origin}: {e.Message}", e);
            }
            folder = Path.GetDirectoryName(Path.GetFullPath(pathOrJson));
        }

        PyDict config;
        try
        {
            config = ChatJson.Parse(json) as PyDict
                ?? throw new ChatTemplateException($"The tokenizer configuration {origin} is not a JSON object.");
        }
        catch (ChatInputException e)
        {
            throw new ChatTemplateException($"The tokenizer configuration {origin} is not valid JSON: {e.Message}", e);
        }

        var templates = new List<KeyValuePair<string, string>>();
        if (config.TryGetValue("chat_template", out var chatTemplate) && chatTemplate is not null)
            ReadTemplates(chatTemplate, templates, origin);
        else if (folder is not null)
            ReadSideFiles(folder, templates);
        if (templates.Count == 0)
            throw new ChatTemplateNotFoundException(
                $"{origin} has no chat template: the configuration has no 'chat_template'" +
                (folder is null ? "." : $" and there is no chat_template.jinja or chat_template.json in '{folder}'."), []);

        var tokens = new Dictionary<string, string>();
        foreach (var key in SpecialTokenKeys)
            if (config.TryGetValue(key, out var token) && TokenText(token, key, origin) is { } text)
                tokens[key] = text;
        List<object?>? additional = null;
        if (config.TryGetValue("additional_special_tokens", out var extra) && extra is List<object?> list)
            additional = list.Select(t => (object?)TokenText(t, "additional_special_tokens", origin)).Where(t => t is not null).ToList();

        var result = new ChatTemplate(templates, tokens, additional, origin) { DefaultName = name };
        if (name is not null) result.GetSource(name);   // an unknown name fails here, naming the available ones
        return result;
    }

    internal static void ReadTemplates(object chatTemplate, List<KeyValuePair<string, string>> templates, string origin)
    {
        switch (chatTemplate)
        {
            case string s:
                templates.Add(new("default", s));
                return;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not PyDict entry || !entry.TryGetValue("name", out var n) || n is not string entryName
                        || !entry.TryGetValue("template", out var t) || t is not string entryTemplate)
                        throw new ChatTemplateException($"{origin}: chat_template[{i}] is not an object with string 'name' and 'template'.");
                    templates.RemoveAll(kv => kv.Key == entryName);   // as transformers' dict: a repeated name keeps the last
                    templates.Add(new(entryName, entryTemplate));
                }
                return;
            case PyDict dict:
                // chat_template.json written as {"name": "template", ...}
                foreach (var kv in (IEnumerable<KeyValuePair<string, object?>>)dict)
                {
                    if (kv.Value is not string entryTemplate)
                        throw new ChatTemplateException($"{origin}: chat_template['{kv.Key}'] is not a string.");
                    templates.Add(new(kv.Key, entryTemplate));
                }
                return;
            default:
                throw new ChatTemplateException($"{origin}: 'chat_template' is {ChatValues.Describe(chatTemplate)}, not a string or a list of {{name, template}}.");
        }
    }

    private static void ReadSideFiles(string folder, List<KeyValuePair<string, string>> templates)
    {
        var jinja = Path.Combine(folder, "chat_template.jinja");
        var jsonFile = Path.Combine(folder, "chat_template.json");
        try
        {
            if (File.Exists(jinja))
            {
                templates.Add(new("default", File.ReadAllText(jinja)));
            }
            else if (File.Exists(jsonFile))
            {
                var origin = $"'{jsonFile}'";
                object? parsed;
                try { parsed = ChatJson.Parse(File.ReadAllText(jsonFile)); }
                catch (ChatInputException e) { throw new ChatTemplateException($"{origin} is not valid JSON: {e.Message}", e); }
                if (parsed is PyDict d && d.TryGetValue("chat_template", out var inner) && inner is not null) ReadTemplates(inner, templates, origin);
                else throw new ChatTemplateException($"{origin} has no 'chat_template'.");
            }
            // Newer models ship additional named templates as additional_chat_templates/NAME.jinja.
            var extra = Path.Combine(folder, "additional_chat_templates");
            if (templates.Count > 0 && Directory.Exists(extra))
                foreach (var file in Directory.GetFiles(extra, "*.jinja").Order(StringComparer.Ordinal))
                    templates.Add(new(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChatTemplateException($"Cannot read the chat template beside the tokenizer configuration in '{folder}': {e.Message}", e);
        }
    }

    private static string? TokenText(object? token, string key, string origin) => token switch
    {
        null => null,
        string s => s,
        PyDict d when d.TryGetValue("content", out var c) && c is string content => content,
        _ => throw new ChatTemplateException($"{origin}: '{key}' is {ChatValues.Describe(token)}, not a string or an object with a string 'content'."),
    };
}
