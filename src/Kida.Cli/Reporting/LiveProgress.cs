using Kida.Cli.Rendering;
using Spectre.Console;

namespace Kida.Cli.Reporting;

/// <summary>A live progress bar on a terminal (Spectre.Console); its task counter is thread-safe.</summary>
public sealed class LiveProgress(IAnsiConsole console) : IRenderProgress
{
    public void Run(int total, Action<Action<PageOutcome>> batch)
    {
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("Rendering pages", maxValue: Math.Max(1, total));
                batch(_ => task.Increment(1));
                task.Value = task.MaxValue;
            });
    }
}
