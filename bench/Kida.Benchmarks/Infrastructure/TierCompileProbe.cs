using System.Diagnostics;
using System.Globalization;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>--tier-compile</c> (issue #18): what moving a shape's templates to the compiled tier costs. For each shape, sets
/// of environments load every template of the shape (page, layouts, partials) once with tiering off (parse + bind only)
/// and once compiling every template as it is created (threshold 0), alternating; the difference in process CPU time
/// is the compile's CPU (it includes the JIT's work on the generated code, and on the expression compiler while it
/// warms up — hence the untimed warm-up sets). Memory is <see cref="TemplateEnvironment.TierStatistics"/>'s allocated
/// bytes (on the compiling thread) per template.
/// </summary>
public static class TierCompileProbe
{
    public static int Run(IReadOnlyList<string> shapes, int rounds)
    {
        var loader = new BenchTemplateLoader(ShapeSyntax.Jinja);
        Console.WriteLine("| shape | templates | interpreter: parse+bind CPU / set | compiled tier: parse+bind+compile CPU / set | compile CPU / set | compile CPU / template | compile memory / template | compile wall (TierStatistics) / set |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in shapes)
        {
            var shape = ShapeCatalog.Get(name);
            var files = shape.AllTemplates.Select(t => Shape.FileName(ShapeSyntax.Jinja, t)).ToArray();
            const int perRound = 10;
            for (var w = 0; w < 20; w++) { Load(loader, files, false); Load(loader, files, true); }
            var interpreted = new List<double>();
            var compiled = new List<double>();
            long bytes = 0, sets = 0;
            double wall = 0;
            for (var r = 0; r < rounds; r++)
            {
                interpreted.Add(CpuPerSet(() => Load(loader, files, false), perRound));
                CompiledTierStatistics last = default;
                compiled.Add(CpuPerSet(() => last = Load(loader, files, true), perRound));
                bytes += last.AllocatedBytes;
                wall += last.CompileTime.TotalMilliseconds;
                sets++;
            }
            var i = Median(interpreted);
            var c = Median(compiled);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {files.Length} | {i:0.00} ms | {c:0.00} ms | {c - i:0.00} ms | {(c - i) / files.Length:0.00} ms | {bytes / sets / files.Length / 1024.0:0.0} KB | {wall / sets:0.00} ms |"));
        }
        Console.WriteLine();
        Console.WriteLine($"(median of {rounds} rounds of 10 sets each, after 20 untimed sets; process CPU time, so the JIT's own threads count)");
        return 0;
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
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var k = 0; k < count; k++) set();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / count;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
