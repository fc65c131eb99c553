using Kida.Workers;

namespace Kida.Examples.QuickStart;

/// <summary>
/// The seed's Quick Start in C#: 100 contexts, ask whether parallel rendering pays off, and if so render with the
/// suggested number of workers; otherwise render one after the other. Results keep the order of the contexts.
/// </summary>
public static class QuickStartExample
{
    public const string TemplateText = "<p>Hello, {{ name }}!</p>";

    /// <summary>The seed's <c>[{"name": f"User {i}"} for i in range(100)]</c>.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Contexts(int count = 100) =>
        [.. Enumerable.Range(0, count).Select(i => new Dictionary<string, object?> { ["name"] = $"User {i}" })];

    /// <summary>Runs the quick start, tuning for <paramref name="tuner"/> (the real machine when null).</summary>
    public static QuickStartResult Run(WorkerTuner? tuner = null, CancellationToken cancellationToken = default)
    {
        tuner ??= WorkerTuning.For(WorkerHost.Current);
        var template = new TemplateEnvironment().FromString(TemplateText, "hello.html");
        var contexts = Contexts();

        if (tuner.ShouldParallelize(contexts.Count))
        {
            var workers = tuner.GetOptimalWorkers(contexts.Count);
            // Each task writes its own slot, so the results come out in context order with no locking.
            var results = new string[contexts.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            Parallel.ForEach(contexts.Select((context, index) => (context, index)), options, task =>
                results[task.index] = template.Render(task.context));
            return new QuickStartResult(true, workers, results);
        }

        return new QuickStartResult(false, 1, [.. contexts.Select(template.Render)]);
    }

    /// <summary>The same renders, one after the other: the reference a parallel run must equal.</summary>
    public static IReadOnlyList<string> RenderSerially()
    {
        var template = new TemplateEnvironment().FromString(TemplateText, "hello.html");
        return [.. Contexts().Select(template.Render)];
    }
}
