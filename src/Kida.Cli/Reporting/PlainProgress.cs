using System.Globalization;
using Kida.Workers;

namespace Kida.Cli.Reporting;

/// <summary>Progress for logs and pipes: a line at every tenth of the batch (none with <c>--quiet</c>).</summary>
internal sealed class PlainProgress(TextWriter writer, bool quiet) : IRenderProgress
{
    public void Run(int total, Action<IProgress<BatchProgress>?> batch)
    {
        if (quiet || total == 0)
        {
            batch(null);
            return;
        }
        batch(new Sink(writer));
    }

    /// <summary>Called on worker threads, in order (the batch reports under a lock); prints at each new tenth.</summary>
    private sealed class Sink(TextWriter writer) : IProgress<BatchProgress>
    {
        private int _lastTenth;

        public void Report(BatchProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Completed * 10 / value.Total;
            if (tenth <= _lastTenth) return;
            _lastTenth = tenth;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {value.Completed}/{value.Total} pages ({100.0 * value.Completed / value.Total:0}%){(value.Failed > 0 ? $", {value.Failed} failed" : "")}"));
        }
    }
}
