using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Kida.ChatTemplates.Benchmarks;

/// <summary>
/// Entry point. Our own options (removed before the rest goes to BenchmarkDotNet):
/// <list type="bullet">
/// <item><c>--smoke</c> compile and apply every workload template once, untimed, checking each output against
/// Jinja2's; exit 1 on any difference or error (CI runs this).</item>
/// <item><c>--quick</c> a short in-process run.</item>
/// </list>
/// Everything else (e.g. <c>--filter *qwen*</c>) is passed to BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var rest = args.Where(a => a is not "--smoke" and not "--quick").ToList();
        if (args.Contains("--smoke")) return Smoke();
        var job = args.Contains("--quick")
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                .WithIterationTime(TimeInterval.FromMilliseconds(100)).WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")
            : Job.Default.WithLaunchCount(2).WithWarmupCount(4).WithIterationCount(12)
                .WithIterationTime(TimeInterval.FromMilliseconds(150)).WithId("Rounds2");
        var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job.AsDefault()).AddColumn(StatisticColumn.Median);
        if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "--info")) rest.AddRange(["--filter", "*"]);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config).ToList();
        return summaries.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static int Smoke()
    {
        var failures = 0;
        foreach (var id in ChatWorkload.Ids())
        {
            try
            {
                var workload = ChatWorkload.Load(id);
                var template = workload.Compile();
                workload.Check(template.Apply(workload.Messages(), workload.Options()));
                Console.WriteLine($"[PASS] {id}");
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"[FAIL] {id}: {e.GetType().Name}: {e.Message}");
            }
        }
        Console.WriteLine(failures == 0 ? "chat smoke: all outputs equal Jinja2's" : $"chat smoke: {failures} failed");
        return failures == 0 ? 0 : 1;
    }
}
