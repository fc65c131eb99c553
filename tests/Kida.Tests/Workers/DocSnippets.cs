// Every ```csharp block of docs/workers.md, verbatim (dedented), as a #region here: the build compiles them and
// DocSnippetTests checks the doc and this file agree, so a snippet that no longer compiles fails the build.
#region usings
using Kida;
using Kida.Workers;
#endregion

namespace Kida.Tests.Workers;

internal static class DocSnippets
{
    public static IReadOnlyList<string> QuickStart(Template template)
    {
        #region quick-start
        var contexts = Enumerable.Range(0, 100)
            .Select(i => new Dictionary<string, object?> { ["name"] = $"User {i}" })
            .ToList();

        string[] results;
        if (WorkerTuning.ShouldParallelize(contexts.Count))
        {
            var workers = WorkerTuning.GetOptimalWorkers(contexts.Count);
            results = new string[contexts.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
            Parallel.For(0, contexts.Count, options, i => results[i] = template.Render(contexts[i]));
        }
        else
        {
            results = [.. contexts.Select(ctx => template.Render(ctx))];
        }
        #endregion
        return results;
    }

    public static void ShouldParallelize()
    {
        #region should-parallelize
        WorkerTuning.ShouldParallelize(5);    // false — below threshold
        WorkerTuning.ShouldParallelize(100);  // true — above threshold

        // With a work size estimate (bytes of template output)
        WorkerTuning.ShouldParallelize(100, totalWorkEstimate: 500);  // false — too small
        #endregion
    }

    public static void GetOptimalWorkers()
    {
        #region get-optimal-workers
        // Template rendering (default)
        WorkerTuning.GetOptimalWorkers(100);  // 4 (local, 8 processors)

        // Template compilation
        WorkerTuning.GetOptimalWorkers(100, workloadType: WorkloadType.Compile);  // 2 (local, up to 5 processors)

        // Override auto-tuning
        WorkerTuning.GetOptimalWorkers(100, configOverride: 16);  // 16

        // Weight heavy templates higher
        WorkerTuning.GetOptimalWorkers(50, taskWeight: 2.0);  // adjusts for heavy work
        #endregion
    }

    public static void FreeThreading()
    {
        #region free-threading
        if (WorkerTuning.IsFreeThreadingEnabled())
        {
            Console.WriteLine("Threads run in parallel — true parallelism available");
        }
        #endregion
    }

    public static double EstimateWeight(Template template)
    {
        #region estimate-template-weight
        var weight = WorkerTuning.EstimateTemplateWeight(template);
        // 1.0 = average, >1 = heavy (capped at 5.0)
        #endregion
        return weight;
    }

    public static (IReadOnlyList<Template> Heavy, IReadOnlyList<Template> Light) Order(IReadOnlyList<Template> templates)
    {
        #region order-by-complexity
        // Heavy templates first (default — best for parallel execution)
        var ordered = WorkerTuning.OrderByComplexity(templates);

        // Light templates first (useful for testing)
        var lightFirst = WorkerTuning.OrderByComplexity(templates, descending: false);
        #endregion
        return (ordered, lightFirst);
    }

    public static void Profiles()
    {
        #region get-profile
        var profile = WorkerTuning.GetProfile(WorkloadType.Render);
        Console.WriteLine(profile.ParallelThreshold);        // 10
        Console.WriteLine(profile.MaxWorkers);               // 4 (local)
        Console.WriteLine(profile.FreeThreadingMultiplier);  // 1.5
        #endregion
    }

    public static int InjectedHost()
    {
        #region injected-host
        var host = WorkerHost.Create(
            processorCount: 8,
            environmentVariables: new Dictionary<string, string> { ["KIDA_ENV"] = "production" });
        var tuner = WorkerTuning.For(host);

        tuner.DetectEnvironment();       // DeploymentEnvironment.Production
        tuner.GetOptimalWorkers(100);    // 6: max(2, 8 × 0.5) × 1.5
        #endregion
        return tuner.GetOptimalWorkers(100);
    }

    public static IReadOnlyList<string> CompleteExample(string templatesDirectory, IReadOnlyList<IReadOnlyDictionary<string, object?>> pages)
    {
        #region complete-example
        var env = new TemplateEnvironment(new FileSystemLoader(templatesDirectory));

        // Load and schedule templates
        var templates = env.ListTemplates().Select(env.GetTemplate).ToList();
        var ordered = WorkerTuning.OrderByComplexity(templates);

        // Build render tasks
        var tasks = ordered.Zip(pages, (tmpl, page) => (Template: tmpl, Context: new Dictionary<string, object?> { ["page"] = page }))
            .ToList();

        var results = new string[tasks.Count];
        if (WorkerTuning.ShouldParallelize(tasks.Count))
        {
            var workers = WorkerTuning.GetOptimalWorkers(tasks.Count, workloadType: WorkloadType.Render);
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
            Parallel.For(0, tasks.Count, options, i => results[i] = tasks[i].Template.Render(tasks[i].Context));
        }
        else
        {
            for (var i = 0; i < tasks.Count; i++) results[i] = tasks[i].Template.Render(tasks[i].Context);
        }
        #endregion
        return results;
    }
}
