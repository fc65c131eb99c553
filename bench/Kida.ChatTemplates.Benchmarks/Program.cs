using Kida;
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
/// <item><c>--loop ID SECONDS</c> apply one workload template in a loop for that long, untimed by BenchmarkDotNet, and
/// print CPU µs per apply: a target for <c>DOTNET_PerfMapEnabled=1 perf record -g</c>.</item>
/// </list>
/// Everything else (e.g. <c>--filter *qwen*</c>) is passed to BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var rest = args.Where(a => a is not "--smoke" and not "--quick").ToList();
        if (args.Contains("--smoke")) return Smoke();
        var loop = Array.IndexOf(args, "--loop");
        if (loop >= 0) return Loop(args[loop + 1], double.Parse(args[loop + 2], System.Globalization.CultureInfo.InvariantCulture));
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

    private static int Loop(string id, double seconds)
    {
        var workload = ChatWorkload.Load(id);
        var template = workload.Compile();
        var messages = workload.Messages();
        var options = workload.Options();
        workload.Check(template.Apply(messages, options));
        // Warm up until tiered compilation has had time to settle (wall clock and a count: on a loaded machine the
        // background JIT gets little CPU), then time by this process's CPU time, which other load does not inflate.
        var warmup = System.Diagnostics.Stopwatch.StartNew();
        // The template's own compiled tier is built on a thread-pool thread after 30 renders: wait for it too, so a
        // loaded machine does not time the interpreter (then give the runtime's JIT its settling time again).
        var compiled = template.Compiled(template.TemplateNames[0]);
        for (var n = 0; compiled.Tier != TemplateTier.Compiled && warmup.Elapsed.TotalSeconds < 20; n++) template.Apply(messages, options);
        var settled = System.Diagnostics.Stopwatch.StartNew();
        for (var n = 0; (settled.Elapsed.TotalSeconds < 1 || n < 5000) && settled.Elapsed.TotalSeconds < 10; n++) template.Apply(messages, options);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) template.Apply(messages, options);
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        long count = 0;
        TimeSpan used;
        do
        {
            for (var i = 0; i < 100; i++) template.Apply(messages, options);
            count += 100;
            process.Refresh();
            used = process.TotalProcessorTime - start;
        } while (used.TotalSeconds < seconds);
        Console.WriteLine($"{id}: {used.TotalMicroseconds / count:F2} µs per apply (CPU time) over {count} applies, {allocated} B allocated per apply, template tier {compiled.Tier}");
        return 0;
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
