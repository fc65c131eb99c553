using System.Text.RegularExpressions;
using Kida.Workers;

namespace Kida.Tests.Workers;

/// <summary>
/// docs/workers.md and DocSnippets.cs must hold the same C# snippets in the same order. DocSnippets.cs is compiled
/// with the tests, so a snippet that stops compiling breaks the build, and one edited in only one place fails here.
/// </summary>
public partial class DocSnippetTests
{
    [GeneratedRegex(@"^```csharp\n(.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedCSharp();

    [GeneratedRegex(@"^[ \t]*#region [\w-]+\n(.*?)^[ \t]*#endregion", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Region();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kida.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Kida.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string ReadNormalized(params string[] parts) =>
        File.ReadAllText(Path.Combine([RepoRoot(), .. parts])).Replace("\r\n", "\n");

    private static string Dedent(string text)
    {
        var lines = text.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [Fact]
    public void Every_csharp_block_of_the_workers_doc_is_a_compiled_region_of_DocSnippets_in_the_same_order()
    {
        var doc = FencedCSharp().Matches(ReadNormalized("docs", "workers.md")).Select(m => m.Groups[1].Value).ToList();
        var code = Region().Matches(ReadNormalized("tests", "Kida.Tests", "Workers", "DocSnippets.cs"))
            .Select(m => Dedent(m.Groups[1].Value.TrimEnd('\n', ' ', '\t'))).ToList();

        Assert.NotEmpty(doc);
        Assert.Equal(code, doc);
    }

    [Fact]
    public void The_snippets_that_need_no_templates_run()
    {
        DocSnippets.ShouldParallelize();
        DocSnippets.GetOptimalWorkers();
        DocSnippets.FreeThreading();
        DocSnippets.Profiles();

        Assert.Equal(6, DocSnippets.InjectedHost());
    }

    [Fact]
    public void The_template_snippets_run_and_agree_with_a_serial_render()
    {
        var env = new TemplateEnvironment();
        var template = env.FromString("Hi {{ name }}");

        var results = DocSnippets.QuickStart(template);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"Hi User {i}"), results);
        Assert.Equal(1.0, DocSnippets.EstimateWeight(template));
        var (heavy, light) = DocSnippets.Order([template, env.FromString("{% include 'x' ignore missing %}")]);
        Assert.Equal(heavy.Reverse(), light);
    }

    [Fact]
    public void The_complete_example_snippet_renders_every_shipped_template()
    {
        var directory = Kida.Examples.CompleteExample.CompleteExample.DefaultTemplatesDirectory;
        var count = new FileSystemLoader(directory).ListTemplates().Count;
        var pages = Enumerable.Range(0, count)
            .Select(_ => (IReadOnlyDictionary<string, object?>)Kida.Examples.CompleteExample.CompleteExample.PageContext("pages/doc.html")["page"]!)
            .ToList();

        var results = DocSnippets.CompleteExample(directory, pages);

        Assert.Equal(count, results.Count);
        Assert.All(results, r => Assert.NotNull(r));
    }
}
