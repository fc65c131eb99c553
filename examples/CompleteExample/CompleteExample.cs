using Kida.Workers;

namespace Kida.Examples.CompleteExample;

/// <summary>
/// The seed's Complete Example in C#: load every template of a folder through a <see cref="FileSystemLoader"/>,
/// schedule the heaviest first, give each a page context, and render in parallel when it pays off.
/// </summary>
public static class CompleteExample
{
    /// <summary>The <c>templates</c> folder copied next to the executable (works from any working directory).</summary>
    public static string DefaultTemplatesDirectory => Path.Combine(AppContext.BaseDirectory, "templates");

    /// <summary>
    /// Runs the example, tuning for <paramref name="tuner"/> (the real machine when null). The shipped folder holds
    /// more templates than the render threshold of 10, so a multi-processor machine renders them in parallel.
    /// </summary>
    public static CompleteExampleResult Run(string? templatesDirectory = null, WorkerTuner? tuner = null, CancellationToken cancellationToken = default)
    {
        tuner ??= WorkerTuning.For(WorkerHost.Current);
        var env = CreateEnvironment(templatesDirectory);

        // Load and schedule templates.
        var templates = env.ListTemplates().Select(env.GetTemplate).ToList();
        var ordered = tuner.OrderByComplexity(templates);

        // Build render tasks: one page context per template.
        var tasks = ordered.Select(template => (Template: template, Context: PageContext(template.Name!))).ToList();

        var outputs = new string[tasks.Count];
        var parallel = tuner.ShouldParallelize(tasks.Count, WorkloadType.Render);
        var workers = 1;
        if (parallel)
        {
            workers = tuner.GetOptimalWorkers(tasks.Count, workloadType: WorkloadType.Render);
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            // Each task writes its own slot, so outputs stay in scheduled order without locks.
            Parallel.For(0, tasks.Count, options, i => outputs[i] = tasks[i].Template.Render(tasks[i].Context));
        }
        else
        {
            for (var i = 0; i < tasks.Count; i++) outputs[i] = tasks[i].Template.Render(tasks[i].Context);
        }

        return new CompleteExampleResult(parallel, workers,
            [.. tasks.Select((t, i) => new RenderedPage(t.Template.Name!, tuner.EstimateTemplateWeight(t.Template), outputs[i]))]);
    }

    /// <summary>
    /// The environment over the template folder. Trimming block lines keeps the generated HTML free of the blank
    /// lines that <c>{% for %}</c> and <c>{% block %}</c> tags would otherwise leave.
    /// </summary>
    public static TemplateEnvironment CreateEnvironment(string? templatesDirectory = null) =>
        new(TemplateEnvironmentOptions.Default with
        {
            Loader = new FileSystemLoader(templatesDirectory ?? DefaultTemplatesDirectory),
            TrimBlocks = true,
            LstripBlocks = true,
        });

    /// <summary>The same renders in the same scheduled order, one after the other: the reference for a parallel run.</summary>
    public static IReadOnlyList<RenderedPage> RenderSerially(string? templatesDirectory = null)
    {
        var env = CreateEnvironment(templatesDirectory);
        var ordered = WorkerTuning.OrderByComplexity(env.ListTemplates().Select(env.GetTemplate));
        return [.. ordered.Select(t => new RenderedPage(t.Name!, WorkerTuning.EstimateTemplateWeight(t), t.Render(PageContext(t.Name!))))];
    }

    /// <summary>The seed's <c>{"page": page}</c>: a title, summary, sections, links, tags and year for a template.</summary>
    public static IReadOnlyDictionary<string, object?> PageContext(string templateName)
    {
        var slug = Path.GetFileNameWithoutExtension(templateName);
        var title = char.ToUpperInvariant(slug[0]) + slug[1..];
        var sections = Enumerable.Range(1, 4).Select(i => new Dictionary<string, object?>
        {
            ["id"] = $"{slug}-{i}",
            ["heading"] = $"{title} section {i}",
            ["body"] = $"Details about {title.ToLowerInvariant()} part {i} <with markup & escaping>.",
        }).ToList();
        var page = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["summary"] = $"The {title.ToLowerInvariant()} page of the Kida documentation.",
            ["sections"] = sections,
            ["links"] = new List<object?>
            {
                new Dictionary<string, object?> { ["href"] = "/index.html", ["text"] = "Home" },
                new Dictionary<string, object?> { ["href"] = "/guide.html", ["text"] = "Guide" },
                new Dictionary<string, object?> { ["href"] = "/api.html", ["text"] = "API" },
            },
            ["tags"] = new List<object?> { "templates", "parallel", slug },
            ["year"] = 2025,
        };
        return new Dictionary<string, object?> { ["page"] = page };
    }
}
