using BenchmarkDotNet.Attributes;
using Kida.ChatTemplates;

namespace Kida.ChatTemplates.Benchmarks;

/// <summary>
/// Issue #17: a template compiled once, then Apply on the 10-turn conversation with two tools. The output is checked
/// against Jinja2's before anything is timed.
/// </summary>
[MemoryDiagnoser]
public class ChatApply
{
    private ChatTemplate _template = null!;
    private IReadOnlyList<object?> _messages = null!;
    private ChatTemplateOptions _options = null!;

    public static IEnumerable<string> Templates => ChatWorkload.Ids();

    [ParamsSource(nameof(Templates))]
    public string Template { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        var workload = ChatWorkload.Load(Template);
        _template = workload.Compile();
        _messages = workload.Messages();
        _options = workload.Options();
        workload.Check(_template.Apply(_messages, _options));
    }

    [Benchmark]
    public string Apply() => _template.Apply(_messages, _options);
}
