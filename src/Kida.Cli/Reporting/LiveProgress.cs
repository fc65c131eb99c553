using Kida.Workers;
using Spectre.Console;

namespace Kida.Cli.Reporting;

/// <summary>A live progress bar on a terminal (Spectre.Console), fed by the batch's progress reports.</summary>
internal sealed class LiveProgress(IAnsiConsole console) : IRenderProgress
{
    public void Run(int total, Action<IProgress<BatchProgress>?> batch)
    {
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("Rendering pages", maxValue: Math.Max(1, total));
                batch(new Sink(task));
                task.Value = task.MaxValue;
            });
    }

    private sealed class Sink(ProgressTask task) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            task.Value = value.Completed;
            if (value.Failed > 0) task.Description = $"Rendering pages ([red]{value.Failed} failed[/])";
        }
    }
}
