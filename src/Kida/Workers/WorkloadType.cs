namespace Kida.Workers;

/// <summary>What kind of work is being spread over threads; each kind has its own profile.</summary>
public enum WorkloadType
{
    /// <summary>Template rendering: CPU-bound, scales with cores.</summary>
    Render,

    /// <summary>Template compilation: CPU-bound, but the shared template cache limits scaling.</summary>
    Compile,

    /// <summary>File loading, network: threads mostly wait, so more of them help.</summary>
    IoBound,
}
