using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kida.Cli.Diagnostics;
using Kida.Runtime.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kida.Cli.Site;

/// <summary>
/// Reads a site folder: <c>content/</c> (Markdown with front matter, <c>.json</c>, <c>.yaml</c>/<c>.yml</c>),
/// <c>data/</c> (each file becomes <c>site.data.&lt;name&gt;</c>) and the templates folder's location.
/// </summary>
internal static partial class SiteLoader
{
    public const string DefaultTemplate = "page.html";

    private static readonly string[] MarkdownExtensions = [".md", ".markdown"];
    private static readonly string[] DocumentExtensions = [".json", ".yaml", ".yml"];

    public static SiteModel Load(string siteDirectory, string? displayRoot = null)
    {
        var root = Path.GetFullPath(siteDirectory);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"site folder '{siteDirectory}' does not exist");
        var display = (displayRoot ?? siteDirectory).Replace('\\', '/').TrimEnd('/');
        if (display.Length == 0) display = ".";

        var problems = new List<Problem>();
        var data = LoadData(Path.Combine(root, "data"), display + "/data", problems);

        var contentRoot = Path.Combine(root, "content");
        var files = Directory.Exists(contentRoot)
            ? Directory.EnumerateFiles(contentRoot, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(contentRoot, f).Replace('\\', '/'))
                .Where(IsContent)
                .Where(rel => !rel.Split('/').Any(segment => segment.StartsWith('.')))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

        // Front matter is parsed in parallel: on a large site this is the only per-page work before rendering.
        var pages = new SitePage[files.Length];
        Parallel.For(0, files.Length, i => pages[i] = TryLoadPage(contentRoot, files[i], display + "/content/" + files[i]));
        RejectDuplicateOutputs(pages);

        var list = new List<object?>(pages.Length);
        var sections = new PyDict();
        foreach (var page in pages)
        {
            if (page.Problem is not null) continue;
            list.Add(page.Values);
            var section = (string)page.Values["section"]!;
            if (!sections.TryGetValue(section, out var members))
            {
                members = new List<object?>();
                sections[section] = members;
            }
            ((List<object?>)members!).Add(page.Values);
        }

        var site = new PyDict { ["data"] = data, ["pages"] = list, ["sections"] = sections };
        return new SiteModel { Root = root, DisplayRoot = display, Pages = pages, Value = site, Problems = problems };
    }

    private static bool IsContent(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return MarkdownExtensions.Contains(ext) || DocumentExtensions.Contains(ext);
    }

    private static PyDict LoadData(string dataDirectory, string display, List<Problem> problems)
    {
        var data = new PyDict();
        if (!Directory.Exists(dataDirectory)) return data;
        foreach (var file in Directory.EnumerateFiles(dataDirectory).Order(StringComparer.Ordinal))
        {
            var ext = Path.GetExtension(file).ToLowerInvariant();
            if (!DocumentExtensions.Contains(ext)) continue;
            var name = Path.GetFileNameWithoutExtension(file);
            var shown = display + "/" + Path.GetFileName(file);
            var text = File.ReadAllText(file, Encoding.UTF8);
            var value = ParseDocument(text, ext, shown, 1, out var problem);
            if (problem is not null) problems.Add(problem);
            else data[name] = value;
        }
        return data;
    }

    private static SitePage TryLoadPage(string contentRoot, string relative, string display)
    {
        try
        {
            return LoadPage(contentRoot, relative, display);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable (or vanished) content fails its own page, not the whole site.
            return new SitePage
            {
                ContentPath = relative, DisplayPath = display, FullPath = Path.Combine(contentRoot, relative), Kind = ContentKind.Markdown,
                Problem = new Problem(display, null, null, "cannot read: " + e.Message),
            };
        }
    }

    private static SitePage LoadPage(string contentRoot, string relative, string display)
    {
        var full = Path.Combine(contentRoot, relative);
        var text = File.ReadAllText(full, Encoding.UTF8);
        var ext = Path.GetExtension(relative).ToLowerInvariant();
        var kind = MarkdownExtensions.Contains(ext) ? ContentKind.Markdown : ContentKind.Document;
        var bytes = new FileInfo(full).Length;

        object? parsed;
        Problem? problem = null;
        var bodyOffset = 0;
        if (kind == ContentKind.Markdown)
        {
            var split = FrontMatter.Split(text);
            bodyOffset = split.BodyOffset;
            parsed = split.Yaml is null ? new PyDict() : ParseDocument(split.Yaml, ".yaml", display, FrontMatter.FirstYamlLine, out problem, text);
        }
        else
        {
            parsed = ParseDocument(text, ext, display, 1, out problem);
        }

        SitePage Failed(Problem p) => new() { ContentPath = relative, DisplayPath = display, FullPath = full, Kind = kind, Bytes = bytes, Problem = p };

        if (problem is not null) return Failed(problem);
        parsed ??= new PyDict();
        if (parsed is not PyDict values)
        {
            return Failed(new Problem(display, kind == ContentKind.Markdown ? FrontMatter.FirstYamlLine : 1, 1,
                "front matter must be a mapping of names to values") { SourceLine = Problem.LineOf(text, kind == ContentKind.Markdown ? 2 : 1) });
        }

        var template = DefaultTemplate;
        int? templateLine = null, templateColumn = null;
        if (values.TryGetValue("template", out var t))
        {
            (templateLine, templateColumn) = FindKey(text, "template");
            if (t is not string name || name.Length == 0)
            {
                return Failed(new Problem(display, templateLine, templateColumn, "'template' must be a template name such as \"page.html\"")
                {
                    SourceLine = templateLine is null ? null : Problem.LineOf(text, templateLine.Value),
                });
            }
            template = name;
        }

        var output = Path.ChangeExtension(relative, ".html");
        if (values.TryGetValue("permalink", out var permalink))
        {
            var (line, column) = FindKey(text, "permalink");
            var reason = "it must be a string";
            if (permalink is not string link || !OutputPaths.TryNormalize(link, out output, out reason))
            {
                return Failed(new Problem(display, line, column, $"permalink {Quote(permalink)} is rejected: " + reason)
                {
                    SourceLine = line is null ? null : Problem.LineOf(text, line.Value),
                });
            }
        }

        var slash = relative.IndexOf('/');
        values["url"] = "/" + output;
        values["path"] = relative;
        values["output"] = output;
        values["section"] = slash < 0 ? "" : relative[..slash];
        return new SitePage
        {
            ContentPath = relative,
            DisplayPath = display,
            FullPath = full,
            Kind = kind,
            Bytes = bytes,
            OutputPath = output,
            TemplateName = template,
            TemplateLine = templateLine,
            TemplateColumn = templateColumn,
            BodyOffset = bodyOffset,
            Values = values,
        };
    }

    private static string Quote(object? value) => value is string s ? "'" + s + "'" : value?.ToString() ?? "null";

    /// <summary>Two content files mapping to one output (a.md and a.json): the first by path wins, the others fail.</summary>
    private static void RejectDuplicateOutputs(SitePage[] pages)
    {
        var owners = new Dictionary<string, SitePage>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < pages.Length; i++)
        {
            var page = pages[i];
            if (page.OutputPath is null) continue;
            if (owners.TryGetValue(page.OutputPath, out var owner))
            {
                pages[i] = new SitePage
                {
                    ContentPath = page.ContentPath, DisplayPath = page.DisplayPath, FullPath = page.FullPath, Kind = page.Kind, Bytes = page.Bytes,
                    Problem = new Problem(page.DisplayPath, null, null, $"its output '{page.OutputPath}' is already produced by {owner.DisplayPath}"),
                };
            }
            else
            {
                owners[page.OutputPath] = page;
            }
        }
    }

    /// <summary>Parses a YAML or JSON document; a syntax error becomes a <see cref="Problem"/> at its line in the file.</summary>
    /// <param name="firstLine">The file line the document text starts on (front matter starts on line 2).</param>
    /// <param name="fileText">The whole file, for the snippet line (defaults to <paramref name="text"/>).</param>
    public static object? ParseDocument(string text, string extension, string display, int firstLine, out Problem? problem, string? fileText = null)
    {
        problem = null;
        fileText ??= text;
        if (extension == ".json")
        {
            try
            {
                using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                return PlainValues.FromJson(doc.RootElement);
            }
            catch (JsonException e)
            {
                // System.Text.Json counts from 0, and the position in the line in UTF-8 bytes: one-based line and character column.
                var line = (int)(e.LineNumber ?? 0) + firstLine;
                var column = CharacterColumn(Problem.LineOf(text, (int)(e.LineNumber ?? 0) + 1), (int)(e.BytePositionInLine ?? 0));
                problem = new Problem(display, line, column, "invalid JSON: " + FirstSentence(e.Message)) { SourceLine = Problem.LineOf(fileText, line) };
                return null;
            }
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : PlainValues.FromYaml(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            // YamlDotNet's marks are one-based already (line 1, column 1 is the first character of the text).
            var line = (int)e.Start.Line + firstLine - 1;
            var column = (int)e.Start.Column;
            var reason = e.InnerException is YamlException inner && inner.Message.Length > 0 ? inner.Message : e.Message;
            problem = new Problem(display, line, column, "invalid YAML: " + StripMark(reason)) { SourceLine = Problem.LineOf(fileText, line) };
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way when the text ends inside a flow collection ("[a, b" with no "]"):
            // point just past the end of the last line that has text.
            var lines = text.TrimEnd().Split('\n');
            var line = firstLine + lines.Length - 1;
            problem = new Problem(display, line, lines[^1].TrimEnd('\r').Length + 1, "invalid YAML: the text ends inside a [ ] or { } collection that is never closed")
            {
                SourceLine = Problem.LineOf(fileText, line),
            };
            return null;
        }
    }

    // System.Text.Json appends "Path: $.a | LineNumber: 2 | BytePositionInLine: 7." (zero-based); the location is printed separately.
    private static string FirstSentence(string message)
    {
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        var line = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var cut = path < 0 ? line : line < 0 ? path : Math.Min(path, line);
        return cut < 0 ? message : message[..cut];
    }

    /// <summary>The one-based character column of a zero-based UTF-8 byte position in a line.</summary>
    internal static int CharacterColumn(string? lineText, int bytePosition)
    {
        if (lineText is null || bytePosition <= 0) return bytePosition + 1;
        var bytes = Encoding.UTF8.GetBytes(lineText);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length)) + 1 + Math.Max(0, bytePosition - bytes.Length);
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 7, Idx: 20) - (…): "; the location is printed separately.
    private static string StripMark(string message) => MarkPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>Line and column of a top-level key in YAML front matter or a JSON document, for pointing at it.</summary>
    private static (int? Line, int? Column) FindKey(string text, string key)
    {
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var current = end < 0 ? text.AsSpan(start) : text.AsSpan(start, end - start);
            var trimmed = current.TrimStart();
            var indent = current.Length - trimmed.Length;
            if (trimmed.StartsWith(key, StringComparison.Ordinal) && trimmed[key.Length..].TrimStart().StartsWith(":"))
                return (line, indent + 1);
            if (trimmed.StartsWith("\"" + key + "\"", StringComparison.Ordinal))
                return (line, indent + 1);
            if (end < 0) break;
            start = end + 1;
            line++;
        }
        return (null, null);
    }
}
