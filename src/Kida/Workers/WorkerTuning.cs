namespace Kida.Workers;

/// <summary>
/// Workload-aware parallelisation for rendering many templates: whether to go parallel, with how many workers, and
/// in what order. The static methods read the real machine (<see cref="WorkerHost.Current"/>); use
/// <see cref="For(WorkerHost)"/> to calculate for another host (tests inject processor count and environment
/// variables that way). Every member is thread-safe.
/// </summary>
public static class WorkerTuning
{
    /// <summary>Maximum weight a template can get.</summary>
    public const double MaxTemplateWeight = 5.0;

    private static readonly WorkerTuner CurrentTuner = new(WorkerHost.Current);

    /// <summary>The tuning functions for a given host.</summary>
    public static WorkerTuner For(WorkerHost host) => new(host);

    /// <inheritdoc cref="WorkerTuner.ShouldParallelize"/>
    public static bool ShouldParallelize(
        int taskCount,
        WorkloadType workloadType = WorkloadType.Render,
        DeploymentEnvironment? environment = null,
        long? totalWorkEstimate = null) =>
        CurrentTuner.ShouldParallelize(taskCount, workloadType, environment, totalWorkEstimate);

    /// <inheritdoc cref="WorkerTuner.GetOptimalWorkers"/>
    public static int GetOptimalWorkers(
        int taskCount,
        WorkloadType workloadType = WorkloadType.Render,
        DeploymentEnvironment? environment = null,
        int? configOverride = null,
        double taskWeight = 1.0) =>
        CurrentTuner.GetOptimalWorkers(taskCount, workloadType, environment, configOverride, taskWeight);

    /// <inheritdoc cref="WorkerTuner.IsFreeThreadingEnabled"/>
    public static bool IsFreeThreadingEnabled() => CurrentTuner.IsFreeThreadingEnabled();

    /// <inheritdoc cref="WorkerTuner.DetectEnvironment"/>
    public static DeploymentEnvironment DetectEnvironment() => CurrentTuner.DetectEnvironment();

    /// <inheritdoc cref="WorkerTuner.GetProfile"/>
    public static WorkloadProfile GetProfile(WorkloadType workloadType, DeploymentEnvironment? environment = null) =>
        CurrentTuner.GetProfile(workloadType, environment);

    /// <summary>
    /// Relative cost of rendering a template: 1.0 is average, above is heavy; capped at 5.0. Read from the compiled
    /// template's structure, not by scanning text, so whitespace-control tags (<c>{%-</c>) and <c>def</c> count
    /// like everything else: +0.5 per 5 KB of source above 5 KB (<c>(length − 5000) / 10000</c>), +0.1 per block
    /// beyond 3, +0.2 per macro or def, +0.5 if it extends a template, +0.15 per include.
    /// </summary>
    public static double EstimateTemplateWeight(Template template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var weight = 1.0;
        var length = template.Source.Length;
        if (length > 5000) weight += (length - 5000) / 10000.0;
        var blocks = template.BlockNames.Count;
        if (blocks > 3) weight += 0.1 * (blocks - 3);
        weight += 0.2 * template.MacroNames.Count;
        if (template.Parent is not null) weight += 0.5;
        weight += 0.15 * template.Includes.Count;
        return Math.Min(weight, MaxTemplateWeight);
    }

    /// <summary>
    /// A new list of the templates ordered by <see cref="EstimateTemplateWeight"/>: heaviest first by default, so a
    /// slow render starts early instead of delaying the end of the batch (the straggler effect). Templates of equal
    /// weight keep their input order.
    /// </summary>
    public static IReadOnlyList<Template> OrderByComplexity(IEnumerable<Template> templates, bool descending = true)
    {
        ArgumentNullException.ThrowIfNull(templates);
        // Weigh each template once; LINQ's OrderBy/OrderByDescending are stable.
        var weighed = templates.Select(t => (Template: t, Weight: EstimateTemplateWeight(t)));
        var sorted = descending ? weighed.OrderByDescending(x => x.Weight) : weighed.OrderBy(x => x.Weight);
        return [.. sorted.Select(x => x.Template)];
    }
}
