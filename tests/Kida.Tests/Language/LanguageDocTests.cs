using System.Text.Json;
using System.Text.RegularExpressions;
using Kida.Runtime.Values;

namespace Kida.Tests.Language;

/// <summary>
/// Renders every example of docs/LANGUAGE.md: a <c>kida</c> block (with the <c>json</c> block before it as context) must
/// render to the <c>output</c> block after it, in the Kida dialect with autoescaping on. <c>kida name=x</c> blocks register
/// templates for the examples that follow.
/// </summary>
public partial class LanguageDocTests
{
    [GeneratedRegex(@"^```(\w+)([^\n]*)\n(.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fenced();

    public sealed record Example(int Number, string Template, string? Context, string Expected, Dictionary<string, string> Templates)
    {
        public override string ToString() => $"#{Number}: {Template[..Math.Min(60, Template.Length)]}";
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kida.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Kida.slnx not found above " + AppContext.BaseDirectory);
    }

    public static List<Example> Examples()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "LANGUAGE.md")).Replace("\r\n", "\n");
        var templates = new Dictionary<string, string>();
        var examples = new List<Example>();
        string? context = null, template = null;
        foreach (Match m in Fenced().Matches(text))
        {
            var (lang, info, body) = (m.Groups[1].Value, m.Groups[2].Value.Trim(), m.Groups[3].Value);
            switch (lang)
            {
                case "json": context = body; break;
                case "kida" when info.StartsWith("name=", StringComparison.Ordinal): templates[info[5..]] = body; break;
                case "kida": template = body; break;
                case "output":
                    if (template is null) throw new InvalidOperationException("an output block without a kida block before it");
                    examples.Add(new Example(examples.Count + 1, template, context, body, new Dictionary<string, string>(templates)));
                    template = null;
                    context = null;
                    break;
            }
        }
        return examples;
    }

    public static TheoryData<int> ExampleNumbers()
    {
        var data = new TheoryData<int>();
        foreach (var e in Examples()) data.Add(e.Number);
        return data;
    }

    [Fact]
    public void The_guide_has_an_example_for_every_construct_family() => Assert.True(Examples().Count >= 20);

    [Theory]
    [MemberData(nameof(ExampleNumbers))]
    public void Example_renders_as_documented(int number)
    {
        var example = Examples()[number - 1];
        var templates = new Dictionary<string, string>(example.Templates) { ["example.html"] = example.Template };
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = new DictLoader(templates),
            Autoescape = true,
            Dialect = TemplateDialect.Kida,
        });
        var context = example.Context is null ? new PyDict() : ClrInterop.FromJson(JsonDocument.Parse(example.Context).RootElement);
        Assert.Equal(example.Expected, env.GetTemplate("example.html").Render(context));
    }
}
