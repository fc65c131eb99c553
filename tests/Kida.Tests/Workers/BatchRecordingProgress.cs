using Kida.Workers;

namespace Kida.Tests.Workers;

/// <summary>Records progress reports synchronously, as they are made (Progress&lt;T&gt; would post them elsewhere).</summary>
internal sealed class BatchRecordingProgress : IProgress<BatchProgress>
{
    private readonly List<BatchProgress> _reports = [];

    public IReadOnlyList<BatchProgress> Reports
    {
        get { lock (_reports) return [.. _reports]; }
    }

    public void Report(BatchProgress value)
    {
        lock (_reports) _reports.Add(value);
    }
}
