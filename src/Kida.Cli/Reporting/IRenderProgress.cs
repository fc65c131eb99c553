using Kida.Cli.Rendering;

namespace Kida.Cli.Reporting;

/// <summary>Shows rendering progress. <see cref="Run"/> wraps the batch and gives it a thread-safe reporter.</summary>
public interface IRenderProgress
{
    void Run(int total, Action<Action<PageOutcome>> batch);
}
