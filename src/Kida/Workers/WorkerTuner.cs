namespace Kida.Workers;

/// <summary>
/// The worker-tuning functions bound to one <see cref="WorkerHost"/>. Get one with
/// <see cref="WorkerTuning.For(WorkerHost)"/>; <see cref="WorkerTuning"/>'s static methods use
/// <see cref="WorkerHost.Current"/>. Stateless apart from the immutable host, so safe to share between threads.
/// </summary>
public sealed class WorkerTuner
{
    /// <summary>Below this many bytes of expected output, parallel rendering costs more than it saves.</summary>
    public const long MinimumParallelWorkEstimate = 5000;

    /// <summary>The variables whose presence (non-empty, not <c>false</c>/<c>0</c>) means a CI runner.</summary>
    public static IReadOnlyList<string> CiVariables { get; } =
    [
        "CI", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "BUILDKITE", "CODEBUILD_BUILD_ID",
        "AZURE_PIPELINES", "TF_BUILD",
    ];

    // The nine profiles, exactly as Kida 0.12 defines them (spec/API.md §5). Shared immutable instances.
    private static readonly WorkloadProfile RenderCi = new(10, 2, 2, 1.0, 1.0);
    private static readonly WorkloadProfile RenderLocal = new(10, 2, 4, 0.5, 1.5);
    private static readonly WorkloadProfile RenderProduction = new(10, 2, 8, 0.5, 1.5);
    private static readonly WorkloadProfile CompileCi = new(20, 1, 2, 0.5, 1.0);
    private static readonly WorkloadProfile CompileLocal = new(20, 2, 4, 0.5, 1.0);
    private static readonly WorkloadProfile CompileProduction = new(20, 2, 6, 0.5, 1.0);
    private static readonly WorkloadProfile IoBoundCi = new(20, 2, 4, 1.0, 1.0);
    private static readonly WorkloadProfile IoBoundLocal = new(20, 2, 8, 0.75, 1.0);
    private static readonly WorkloadProfile IoBoundProduction = new(20, 2, 12, 0.75, 1.0);

    /// <summary>Creates the tuning functions for <paramref name="host"/>; the same as <see cref="WorkerTuning.For(WorkerHost)"/>.</summary>
    /// <param name="host">The machine to tune for: <see cref="WorkerHost.Current"/>, or one from <see cref="WorkerHost.Create"/> for tests and what-ifs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
    public WorkerTuner(WorkerHost host)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
    }

    /// <summary>The machine this tuner reads processor count and environment variables from.</summary>
    public WorkerHost Host { get; }

    /// <summary>
    /// Whether threads truly run in parallel. Python's question is "is the GIL disabled?"; .NET has no GIL, so the
    /// answer is yes unless the platform cannot run threads in parallel (browser WebAssembly, WASI) or the process
    /// has a single processor. Where it is true, render profiles get their free-threading multiplier.
    /// </summary>
    public bool IsFreeThreadingEnabled() => Host.IsParallelCapable && Host.ProcessorCount > 1;

    /// <summary>
    /// <c>KIDA_ENV</c> (<c>ci</c>, <c>local</c> or <c>production</c>, any case, surrounding spaces ignored) wins; other
    /// values are ignored. Otherwise a set, non-empty CI variable means <see cref="DeploymentEnvironment.Ci"/> —
    /// except <c>false</c> and <c>0</c>, which Kida wrongly counts as CI and we do not. Otherwise
    /// <see cref="DeploymentEnvironment.Local"/>. Production comes only from <c>KIDA_ENV</c>.
    /// </summary>
    public DeploymentEnvironment DetectEnvironment()
    {
        var explicitEnvironment = Host.GetEnvironmentVariable("KIDA_ENV")?.Trim().ToLowerInvariant();
        switch (explicitEnvironment)
        {
            case "ci": return DeploymentEnvironment.Ci;
            case "local": return DeploymentEnvironment.Local;
            case "production": return DeploymentEnvironment.Production;
        }
        foreach (var variable in CiVariables)
        {
            var value = Host.GetEnvironmentVariable(variable)?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            // `CI=false` is how people switch CI behaviour off; counting it as CI would do the opposite.
            if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0") continue;
            return DeploymentEnvironment.Ci;
        }
        return DeploymentEnvironment.Local;
    }

    /// <summary>The tuning parameters for a workload, in the given environment or the detected one.</summary>
    public WorkloadProfile GetProfile(WorkloadType workloadType, DeploymentEnvironment? environment = null) =>
        (workloadType, environment ?? DetectEnvironment()) switch
        {
            (WorkloadType.Render, DeploymentEnvironment.Ci) => RenderCi,
            (WorkloadType.Render, DeploymentEnvironment.Local) => RenderLocal,
            (WorkloadType.Render, DeploymentEnvironment.Production) => RenderProduction,
            (WorkloadType.Compile, DeploymentEnvironment.Ci) => CompileCi,
            (WorkloadType.Compile, DeploymentEnvironment.Local) => CompileLocal,
            (WorkloadType.Compile, DeploymentEnvironment.Production) => CompileProduction,
            (WorkloadType.IoBound, DeploymentEnvironment.Ci) => IoBoundCi,
            (WorkloadType.IoBound, DeploymentEnvironment.Local) => IoBoundLocal,
            (WorkloadType.IoBound, DeploymentEnvironment.Production) => IoBoundProduction,
            var (type, env) => throw new ArgumentOutOfRangeException(nameof(workloadType), $"No profile for workload {type} in environment {env}."),
        };

    /// <summary>
    /// Whether spreading <paramref name="taskCount"/> tasks over threads is worth it: false below the profile's
    /// threshold (thread overhead of ~1–2 ms per task would dominate), false when <paramref name="totalWorkEstimate"/>
    /// (bytes of output) is given and under 5000, else true.
    /// </summary>
    public bool ShouldParallelize(
        int taskCount,
        WorkloadType workloadType = WorkloadType.Render,
        DeploymentEnvironment? environment = null,
        long? totalWorkEstimate = null)
    {
        var profile = GetProfile(workloadType, environment);
        if (taskCount < profile.ParallelThreshold) return false;
        if (totalWorkEstimate is { } estimate && estimate < MinimumParallelWorkEstimate) return false;
        return true;
    }

    /// <summary>
    /// How many workers to use. A <paramref name="configOverride"/> above 0 is returned as is. Otherwise, in this
    /// order: <c>max(min, int(processors × cpuFraction))</c>; times the free-threading multiplier (truncated) when
    /// threads run in parallel; capped at the profile maximum; and never more than
    /// <c>max(1, int(taskCount × taskWeight))</c>, so a small batch does not start idle threads.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="taskWeight"/> is negative, NaN or infinite.</exception>
    public int GetOptimalWorkers(
        int taskCount,
        WorkloadType workloadType = WorkloadType.Render,
        DeploymentEnvironment? environment = null,
        int? configOverride = null,
        double taskWeight = 1.0)
    {
        if (configOverride is > 0) return configOverride.Value;
        if (!double.IsFinite(taskWeight) || taskWeight < 0)
            throw new ArgumentOutOfRangeException(nameof(taskWeight), taskWeight, "The task weight must be a finite number, 0 or more.");

        var profile = GetProfile(workloadType, environment);
        var workers = Math.Max(profile.MinWorkers, Truncate(Host.ProcessorCount * profile.CpuFraction));
        // The floor comes before the multiplier and the cap after it, as in Kida: on 2 processors a local render
        // gets max(2, 1) × 1.5 = 3 workers.
        if (IsFreeThreadingEnabled()) workers = Truncate(workers * profile.FreeThreadingMultiplier);
        workers = Math.Min(workers, profile.MaxWorkers);
        var useful = Math.Max(1, Truncate(taskCount * taskWeight));
        return Math.Max(1, Math.Min(workers, useful));
    }

    /// <inheritdoc cref="WorkerTuning.EstimateTemplateWeight(Template)"/>
    public double EstimateTemplateWeight(Template template) => WorkerTuning.EstimateTemplateWeight(template);

    /// <inheritdoc cref="WorkerTuning.OrderByComplexity(IEnumerable{Template}, bool)"/>
    public IReadOnlyList<Template> OrderByComplexity(IEnumerable<Template> templates, bool descending = true) =>
        WorkerTuning.OrderByComplexity(templates, descending);

    /// <summary>Python's <c>int(x)</c> for the non-negative values used here, saturating instead of overflowing.</summary>
    private static int Truncate(double value) =>
        value >= int.MaxValue ? int.MaxValue : value <= 0 ? 0 : (int)value;
}
