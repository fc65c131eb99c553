namespace Kida.Workers;

/// <summary>
/// What the worker tuning reads from the machine: processor count, environment variables and whether threads can run
/// in parallel at all. <see cref="Current"/> reads the real process; tests build their own with <see cref="Create"/>
/// so they never touch the process environment (which is shared by every test running in parallel).
/// </summary>
public sealed record WorkerHost
{
    private readonly int _processorCount = System.Environment.ProcessorCount;
    private readonly Func<string, string?> _getEnvironmentVariable = System.Environment.GetEnvironmentVariable;

    /// <summary>The running process: <see cref="System.Environment.ProcessorCount"/> and the real environment variables.</summary>
    public static WorkerHost Current { get; } = new();

    /// <summary>
    /// Processors available to this process. The default, <see cref="System.Environment.ProcessorCount"/>, already
    /// honours container CPU quotas, affinity masks and <c>DOTNET_PROCESSOR_COUNT</c>; it is always at least 1.
    /// </summary>
    public int ProcessorCount
    {
        get => _processorCount;
        init => _processorCount = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A host has at least one processor.");
    }

    /// <summary>Reads an environment variable; null when it is not set.</summary>
    public Func<string, string?> GetEnvironmentVariable
    {
        get => _getEnvironmentVariable;
        init => _getEnvironmentVariable = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Whether the platform can run threads in parallel. False only on browser WebAssembly and WASI, where .NET runs
    /// every thread on one.
    /// </summary>
    public bool IsParallelCapable { get; init; } = !(OperatingSystem.IsBrowser() || OperatingSystem.IsWasi());

    /// <summary>A host with fixed values, for tests and what-if calculations.</summary>
    /// <param name="processorCount">Processors to assume (at least 1).</param>
    /// <param name="environmentVariables">The variables that are set; every other one reads as unset.</param>
    /// <param name="isParallelCapable">Whether threads can run in parallel.</param>
    public static WorkerHost Create(int processorCount, IReadOnlyDictionary<string, string>? environmentVariables = null, bool isParallelCapable = true)
    {
        // Copied so the host stays immutable even if the caller keeps changing its dictionary.
        var variables = environmentVariables is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(environmentVariables, StringComparer.Ordinal);
        return new WorkerHost
        {
            ProcessorCount = processorCount,
            GetEnvironmentVariable = name => variables.GetValueOrDefault(name),
            IsParallelCapable = isParallelCapable,
        };
    }
}
