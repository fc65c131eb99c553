using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>--tier-compile</c> (issue #18): what moving a shape's templates to the compiled tier costs.
/// <list type="bullet">
/// <item><b>Background compile</b> (what the tier does in an application): each set is a fresh environment that renders
/// the shape once with its data on the interpreter (so each template's functions that run are known), then runs the
/// compile a background compile would run (<c>Template.CompileTierNow</c>: the top level and the block bodies that ran)
/// for every template of the shape, process CPU time around each compile.</item>
/// <item><b>Everything at once</b> (threshold 0: every function of every template compiled as it is created): the
/// process CPU of loading the templates that way, minus loading them with tiering off.</item>
/// </list>
/// Process CPU time includes the JIT's work on the generated code and any runtime thread beside it, hence the untimed
/// warm-up sets and the medians. Memory is what the compiles allocated on the compiling thread
/// (<see cref="TemplateEnvironment.TierStatistics"/>), per template.
/// </summary>
public static class TierCompileProbe
{
    private const int SetsPerRound = 20;

    public static int Run(IReadOnlyList<string> shapes, int rounds)
    {
        var loader = new BenchTemplateLoader(ShapeSyntax.Jinja);
        var perTemplate = new List<string>();
        Console.WriteLine("| shape | templates | background compile CPU / set | per template | memory / template | functions compiled | everything at once (threshold 0) CPU / set | memory / template |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in shapes)
        {
            var shape = ShapeCatalog.Get(name);
            var files = shape.AllTemplates.Select(t => Shape.FileName(ShapeSyntax.Jinja, t)).ToArray();
            for (var w = 0; w < 20; w++)
            {
                Background(loader, shape, files, null);
                Load(loader, files, false);
                Load(loader, files, true);
            }
            var background = new List<double>();
            var each = files.ToDictionary(f => f, _ => new List<double>());
            var interpreted = new List<double>();
            var eager = new List<double>();
            long lazyBytes = 0, eagerBytes = 0, sets = 0;
            var functions = "";
            var memory = new Dictionary<string, long>();
            for (var r = 0; r < rounds; r++)
            {
                var perFile = files.ToDictionary(f => f, _ => 0.0);
                background.Add(CpuPerSet(() =>
                {
                    var result = Background(loader, shape, files, perFile);
                    lazyBytes += result.Stats.AllocatedBytes;
                    functions = result.Functions;
                    foreach (var (f, bytes) in result.Bytes) memory[f] = memory.GetValueOrDefault(f) + bytes;
                }, SetsPerRound));
                foreach (var f in files) each[f].Add(perFile[f] / SetsPerRound);
                interpreted.Add(CpuPerSet(() => Load(loader, files, false), SetsPerRound));
                eager.Add(CpuPerSet(() => eagerBytes += Load(loader, files, true).AllocatedBytes, SetsPerRound));
                sets += SetsPerRound;
            }
            var compileCpu = files.Sum(f => Median(each[f]));
            var eagerCpu = Median(eager) - Median(interpreted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {files.Length} | {compileCpu:0.00} ms | {compileCpu / files.Length:0.00} ms | {lazyBytes / sets / files.Length / 1024.0:0.0} KB | {functions} | {eagerCpu:0.00} ms | {eagerBytes / sets / files.Length / 1024.0:0.0} KB |"));
            foreach (var f in files)
                perTemplate.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {f} | {Median(each[f]):0.00} ms | {memory[f] / sets / 1024.0:0.0} KB |"));
        }
        Console.WriteLine();
        Console.WriteLine("| shape | template | background compile CPU | memory |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var line in perTemplate) Console.WriteLine(line);
        Console.WriteLine();
        Console.WriteLine($"(median of {rounds} rounds of {SetsPerRound} sets each, after 20 untimed sets; process CPU time, so the JIT's own threads count; " +
            "\"functions compiled\": top levels and block bodies that ran / all of them)");
        return 0;
    }

    private sealed record BackgroundResult(CompiledTierStatistics Stats, string Functions, Dictionary<string, long> Bytes);

    /// <summary>Renders the shape once on the interpreter, then compiles each template as its background compile would.</summary>
    private static BackgroundResult Background(ITemplateLoader loader, Shape shape, string[] files, Dictionary<string, double>? cpu)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = loader,
            Autoescape = true,
            TieredCompilationThreshold = int.MaxValue,
        });
        var page = env.GetTemplate(files[0]);
        var interpreted = page.Render(shape.Data);
        int compiled = 0, all = 0;
        var bytes = new Dictionary<string, long>();
        foreach (var f in files)
        {
            var t = env.GetTemplate(f);
            var before = ProcessCpuMs();
            if (!t.CompileTierNow()) throw new InvalidOperationException($"{f} did not compile: {t.TierFailure}");
            var after = ProcessCpuMs();
            if (cpu is not null) cpu[f] += after - before;
            bytes[f] = t.TierCompileCost.Bytes;
            all += 1 + t.TierBlocks.Count;
            compiled += 1 + t.TierBlocks.Count(b => t.IsBlockCompiled(b.Name));
        }
        if (page.Render(shape.Data) != interpreted) throw new InvalidOperationException($"{shape.Name}: the compiled tier rendered something else");
        return new BackgroundResult(env.TierStatistics, $"{compiled} / {all}", bytes);
    }

    private static CompiledTierStatistics Load(ITemplateLoader loader, string[] files, bool compile)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = loader,
            Autoescape = true,
            TieredCompilation = compile,
            TieredCompilationThreshold = 0,
        });
        foreach (var f in files)
        {
            var t = env.GetTemplate(f);
            if (compile && t.Tier != TemplateTier.Compiled) throw new InvalidOperationException($"{f} did not compile: {env.TierStatistics}");
        }
        return env.TierStatistics;
    }

    private static double CpuPerSet(Action set, int count)
    {
        var before = ProcessCpuMs();
        for (var k = 0; k < count; k++) set();
        return (ProcessCpuMs() - before) / count;
    }

    /// <summary>
    /// The process's CPU time in milliseconds: <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c> on Linux (nanoseconds;
    /// <see cref="Process.TotalProcessorTime"/> there counts clock ticks of 10 ms), elsewhere <c>TotalProcessorTime</c>.
    /// </summary>
    private static double ProcessCpuMs()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockProcessCpuTime, out var ts) == 0) return ts.Seconds * 1000.0 + ts.Nanoseconds / 1e6;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    private const int ClockProcessCpuTime = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
