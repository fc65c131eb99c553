using Kida.Workers;

namespace Kida.Cli.Reporting;

/// <summary>Shows rendering progress. <see cref="Run"/> wraps the batch and hands it the progress sink to use.</summary>
internal interface IRenderProgress
{
    void Run(int total, Action<IProgress<BatchProgress>?> batch);
}
