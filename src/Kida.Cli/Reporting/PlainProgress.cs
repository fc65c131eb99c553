using System.Globalization;
using Kida.Cli.Rendering;

namespace Kida.Cli.Reporting;

/// <summary>Progress for logs and pipes: a line at every tenth of the batch (none with <c>--quiet</c>).</summary>
public sealed class PlainProgress(TextWriter writer, bool quiet) : IRenderProgress
{
    public void Run(int total, Action<Action<PageOutcome>> batch)
    {
        if (quiet || total == 0)
        {
            batch(_ => { });
            return;
        }
        var done = 0;
        var step = Math.Max(1, total / 10);
        var gate = new Lock();
        batch(_ =>
        {
            var n = Interlocked.Increment(ref done);
            if (n % step != 0 && n != total) return;
            lock (gate) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n}/{total} pages ({100.0 * n / total:0}%)"));
        });
    }
}
