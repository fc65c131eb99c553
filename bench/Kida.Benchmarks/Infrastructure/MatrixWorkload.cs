using System.Diagnostics;
using Kida.Benchmarks.Peers;
using System.Globalization;
using Kida.Workers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// Builds the tuning matrix's jobs from the benchmark shapes. A job meant to cost <c>c</c> µs renders a generated
/// wrapper, <c>{% for _ in range(r) %}{% include 'shape.html' %}{% endfor %}</c>, over the largest shape that
/// costs at most <c>c</c>, with <c>r</c> = c ÷ that shape's measured cost. Multipliers are rounded to a grid of
/// √2 steps so a distribution uses a dozen or so templates, each with one cost for the model to learn.
/// </summary>
public sealed class MatrixWorkload
{
    private static readonly string[] BaseShapes = ["minimal", "small", "medium", "large"];
    private readonly TemplateEnvironment _environment;
    private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);

    public MatrixWorkload()
    {
        var shapes = new BenchTemplateLoader(ShapeSyntax.Jinja);
        _environment = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = new ChoiceLoader(new FunctionLoader(Wrapper), shapes),
            Autoescape = AutoescapePolicy.Always,
        });
        foreach (var name in BaseShapes)
        {
            var shape = ShapeCatalog.Get(name);
            _shapes[name] = shape;
            BaseCosts[name] = MeasureOnce(_environment.GetTemplate(name + ".html"), shape.Data);
        }
        MediumPage = _environment.GetTemplate("medium.html");
        MediumData = _shapes["medium"].Data;
    }

    /// <summary>Median single-render time of each base shape, in µs.</summary>
    public Dictionary<string, double> BaseCosts { get; } = new(StringComparer.Ordinal);

    public Template MediumPage { get; }

    public IReadOnlyDictionary<string, object?> MediumData { get; }

    public MatrixCell Build(double targetMicroseconds, string distribution, int size, double capMilliseconds)
    {
        var n = size;
        double[] multipliers;
        while (true)
        {
            multipliers = Multipliers(distribution, n);
            var serial = targetMicroseconds * multipliers.Sum();
            if (serial <= capMilliseconds * 1000 || n <= 8) break;
            n = Math.Max(8, (int)(n * capMilliseconds * 1000 / serial));
        }
        var jobs = new RenderJob[n];
        for (var i = 0; i < n; i++) jobs[i] = JobCosting(targetMicroseconds * multipliers[i]);
        return new MatrixCell(targetMicroseconds, distribution, size, jobs, targetMicroseconds * multipliers.Average());
    }

    private RenderJob JobCosting(double microseconds)
    {
        var shape = BaseShapes.Where(s => BaseCosts[s] <= microseconds).DefaultIfEmpty("minimal").MaxBy(s => BaseCosts[s])!;
        var repeats = Math.Max(1, (int)Math.Round(microseconds / BaseCosts[shape]));
        return new RenderJob(_environment.GetTemplate($"wrap/{shape}/{repeats}.html"), _shapes[shape].Data);
    }

    /// <summary>Per-job cost multipliers (mean about 1 before the heavy ones), deterministic for a given size.</summary>
    private static double[] Multipliers(string distribution, int n)
    {
        var m = new double[n];
        var random = new Random(n * 31 + distribution.Length);
        switch (distribution)
        {
            case "uniform":
                Array.Fill(m, 1.0);
                break;
            case "lognormal":
                const double sigma = 1.0;
                for (var i = 0; i < n; i++)
                {
                    // Box–Muller; mean-one log-normal, then rounded to √2 steps.
                    var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    var x = Math.Exp(sigma * z - sigma * sigma / 2);
                    m[i] = Math.Pow(Math.Sqrt(2), Math.Round(Math.Log(x, Math.Sqrt(2))));
                }
                break;
            case "bimodal":
                // 1% of the jobs (at least one) are 100× heavier, at the end of each hundred: input order is the worst case.
                Array.Fill(m, 1.0);
                var heavy = Math.Max(1, n / 100);
                for (var k = 0; k < heavy; k++) m[Math.Min(n - 1, k * 100 + 99)] = 100;
                break;
            case "one25":
                // One job, the last, holds a quarter of all the work: x ÷ (n − 1 + x) = 0.25.
                Array.Fill(m, 1.0);
                m[n - 1] = Math.Max(1, (n - 1) / 3.0);
                break;
            default:
                throw new ArgumentException($"unknown distribution {distribution}");
        }
        return m;
    }

    private static TemplateSource? Wrapper(string name)
    {
        // wrap/<shape>/<repeats>.html
        var parts = name.Split('/');
        if (parts.Length != 3 || parts[0] != "wrap") return null;
        var repeats = int.Parse(parts[2].Replace(".html", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return new TemplateSource($"{{% for _ in range({repeats}) %}}{{% include '{parts[1]}.html' %}}{{% endfor %}}", null);
    }

    private static double MeasureOnce(Template template, object data)
    {
        for (var i = 0; i < 200; i++) template.Render(data);
        var samples = new List<double>();
        for (var round = 0; round < 9; round++)
        {
            const int reps = 50;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < reps; i++) template.Render(data);
            samples.Add(sw.Elapsed.TotalMicroseconds / reps);
        }
        return TuningMatrix.Median(samples);
    }
}
