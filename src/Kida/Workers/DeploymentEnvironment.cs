namespace Kida.Workers;

/// <summary>Where the process runs. Named so it does not clash with <see cref="System.Environment"/>.</summary>
public enum DeploymentEnvironment
{
    /// <summary>A CI runner: shared, noisy machines, so conservative (2 render workers at most).</summary>
    Ci,

    /// <summary>A developer machine (the default): moderate, up to 4 render workers.</summary>
    Local,

    /// <summary>A server, chosen only by <c>KIDA_ENV=production</c>: aggressive, up to 8 render workers.</summary>
    Production,
}
