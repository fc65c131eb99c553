using System.Globalization;
using System.Text;
using System.Text.Json;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// Post-processes BenchmarkDotNet's full JSON reports into markdown tables: for each scenario the median of the
/// per-round (per-launch) medians and the allocated bytes per operation, engine × shape, with Kida ÷ fastest peer,
/// Kida ÷ floor and (given jinja2_bench.py's JSON) Kida ÷ Jinja2; and for the batch scenario the 1- vs 2-thread
/// times, the speedup, the calibration ceiling and GC collections per batch.
/// </summary>
public static class Summary
{
    private sealed record Result(string Type, string Method, Dictionary<string, string> Parameters, double MedianNs, int Rounds, long? AllocatedBytes);

    public static int Print(string artifacts, string? jinja2Json, TextWriter console)
    {
        var resultsDir = Path.Combine(artifacts, "results");
        if (!Directory.Exists(resultsDir))
        {
            console.WriteLine($"No results in {resultsDir}.");
            return 1;
        }
        var results = Load(resultsDir);
        var jinja2 = jinja2Json is null ? null : LoadJinja2(jinja2Json);
        var md = Render(results, jinja2, Path.Combine(artifacts, "gc"));
        File.WriteAllText(Path.Combine(resultsDir, "summary.md"), md);
        console.Write(md);
        console.WriteLine($"(written to {Path.Combine(resultsDir, "summary.md")})");
        return 0;
    }

    private static List<Result> Load(string dir)
    {
        // Later files win for the same benchmark, so re-running one scenario updates just its rows.
        var byKey = new Dictionary<string, Result>();
        foreach (var file in Directory.EnumerateFiles(dir, "*-report-full.json").OrderBy(File.GetLastWriteTimeUtc))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var b in doc.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                var type = b.GetProperty("Type").GetString()!;
                var method = b.GetProperty("Method").GetString()!;
                var parameters = (b.TryGetProperty("Parameters", out var p) ? p.GetString() ?? "" : "")
                    .Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Select(kv => kv.Split('=', 2))
                    .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
                var (median, rounds) = MedianOfRoundMedians(b);
                if (rounds == 0) continue; // failed benchmark (e.g. its setup threw)
                long? allocated = b.TryGetProperty("Memory", out var m) && m.ValueKind == JsonValueKind.Object
                    ? m.GetProperty("BytesAllocatedPerOperation").GetInt64() : null;
                byKey[$"{type}.{method}({b.GetProperty("Parameters").GetString()})"] = new Result(type, method, parameters, median, rounds, allocated);
            }
        }
        return byKey.Values.ToList();
    }

    /// <summary>Median over launches of each launch's median ns/op (BenchmarkDotNet's "Result" stage, else "Actual").</summary>
    private static (double MedianNs, int Rounds) MedianOfRoundMedians(JsonElement benchmark)
    {
        if (!benchmark.TryGetProperty("Measurements", out var ms) || ms.ValueKind != JsonValueKind.Array) return (0, 0);
        var workload = ms.EnumerateArray()
            .Where(x => x.GetProperty("IterationMode").GetString() == "Workload")
            .Select(x => (Stage: x.GetProperty("IterationStage").GetString(), Launch: x.GetProperty("LaunchIndex").GetInt32(),
                Ns: x.GetProperty("Nanoseconds").GetDouble() / x.GetProperty("Operations").GetInt64()))
            .ToList();
        var stage = workload.Any(x => x.Stage == "Result") ? "Result" : "Actual";
        var perRound = workload.Where(x => x.Stage == stage).GroupBy(x => x.Launch).Select(g => Median(g.Select(x => x.Ns))).ToList();
        return perRound.Count == 0 ? (0, 0) : (Median(perRound), perRound.Count);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static Dictionary<string, double>? LoadJinja2(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("shapes").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("median_us").GetDouble() * 1000);
    }

    private static string Render(List<Result> results, Dictionary<string, double>? jinja2, string gcDir)
    {
        var sb = new StringBuilder();
        var rounds = results.Count == 0 ? 0 : results.Min(r => r.Rounds);
        sb.AppendLine($"Median of the per-round medians ({rounds}+ round(s) per benchmark); time and allocated bytes per operation.").AppendLine();
        Scenario(sb, results, "WarmRender", "Warm render to a string", jinja2);
        Scenario(sb, results, "WriterRender", "Warm render to a TextWriter (counting, no output string)", null);
        Scenario(sb, results, "ColdParse", "Cold parse + compile (page, layouts and partials; fresh cache)", null);
        BatchTable(sb, results, gcDir);
        return sb.ToString();
    }

    private static void Scenario(StringBuilder sb, List<Result> results, string type, string title, Dictionary<string, double>? jinja2)
    {
        var rows = results.Where(r => r.Type == type).ToList();
        if (rows.Count == 0) return;
        var engines = Engines.Names.Where(e => rows.Any(r => r.Parameters.GetValueOrDefault("Engine") == e)).ToList();
        if (!engines.Contains("Kida")) engines.Insert(0, "Kida");
        // The dictionary floor reads the shape's own data: it has nothing to parse or build, so no cold figure.
        if (type == "ColdParse") engines.Remove("DictionaryFloor");
        // Cold figures are the interpreter's by construction (a fresh environment, no render yet): the variants add nothing.
        if (type == "ColdParse") engines.RemoveAll(e => e is "KidaInterpreted" or "KidaTyped");
        var cold = type == "ColdParse";
        var shapes = ShapeCatalog.Names.Where(s => rows.Any(r => r.Parameters.GetValueOrDefault("Shape") == s)).ToList();

        sb.AppendLine($"### {title} (`{type}`)").AppendLine();
        var dictionaryFloor = engines.Contains("DictionaryFloor");
        var interpreted = engines.Contains("KidaInterpreted");
        var typed = engines.Contains("KidaTyped");
        sb.Append("| shape | ").Append(string.Join(" | ", engines.Select(e => cold && e == "Kida" ? "Kida (interpreter)" : Display(e))));
        sb.Append(" | Kida ÷ fastest peer | Kida ÷ floor");
        if (dictionaryFloor) sb.Append(" | Kida ÷ floor (dicts)");
        if (interpreted) sb.Append(" | compiled ÷ interpreter");
        if (typed) sb.Append(" | Kida typed ÷ floor");
        if (jinja2 is not null) sb.Append(" | Jinja2 | Kida ÷ Jinja2");
        sb.AppendLine(" |");
        sb.Append("|---|").Append(string.Concat(engines.Select(_ => "---:|"))).Append("---:|---:|");
        if (dictionaryFloor) sb.Append("---:|");
        if (interpreted) sb.Append("---:|");
        if (typed) sb.Append("---:|");
        if (jinja2 is not null) sb.Append("---:|---:|");
        sb.AppendLine();
        foreach (var shape in shapes)
        {
            Result? Find(string engine) => rows.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Engine") == engine && r.Parameters.GetValueOrDefault("Shape") == shape);
            sb.Append("| ").Append(shape).Append(" | ");
            sb.Append(string.Join(" | ", engines.Select(e => Find(e) is { } r ? $"{Time(r.MedianNs)} / {Bytes(r.AllocatedBytes)}" : e == "Kida" ? "pending" : "–")));
            var kida = Find("Kida");
            var fastestPeer = Engines.Peers.Select(Find).Where(r => r is not null).MinBy(r => r!.MedianNs);
            var floor = Find("HandWrittenFloor");
            sb.Append(" | ").Append(Ratio(kida, fastestPeer?.MedianNs, fastestPeer is null ? "" : $" ({fastestPeer.Parameters["Engine"]})"));
            sb.Append(" | ").Append(Ratio(kida, floor?.MedianNs, ""));
            if (dictionaryFloor) sb.Append(" | ").Append(Ratio(kida, Find("DictionaryFloor")?.MedianNs, ""));
            if (interpreted) sb.Append(" | ").Append(Ratio(kida, Find("KidaInterpreted")?.MedianNs, ""));
            if (typed) sb.Append(" | ").Append(Ratio(Find("KidaTyped"), floor?.MedianNs, ""));
            if (jinja2 is not null)
            {
                var j = jinja2.TryGetValue(shape, out var ns) ? ns : (double?)null;
                sb.Append(" | ").Append(j is null ? "–" : Time(j.Value)).Append(" | ").Append(Ratio(kida, j, ""));
            }
            sb.AppendLine(" |");
        }
        sb.AppendLine();
        sb.AppendLine(cold
            ? "Tier: cold figures are the interpreter's (a fresh environment; a template compiles only once it is hot)."
            : "Tier: \"Kida\" and \"Kida typed\" are measured on the compiled tier (set-up renders until every template of the shape reports `Template.Tier == Compiled`; the log line `// Kida tier` lists them); \"Kida (interpreter)\" has tiering off.");
        sb.AppendLine();
    }

    /// <summary>Column and row names: the two references are "floor" (typed records) and "floor (dicts)".</summary>
    private static string Display(string engine) => engine switch
    {
        "HandWrittenFloor" => "floor",
        "DictionaryFloor" => "floor (dicts)",
        "Kida" => "Kida (compiled)",
        "KidaInterpreted" => "Kida (interpreter)",
        "KidaTyped" => "Kida typed (compiled)",
        _ => engine,
    };

    private static string Ratio(Result? kida, double? other, string suffix) =>
        kida is null || other is null or <= 0 ? "pending" : (kida.MedianNs / other.Value).ToString("0.00", CultureInfo.InvariantCulture) + "×" + suffix;

    private static void BatchTable(StringBuilder sb, List<Result> results, string gcDir)
    {
        var batch = results.Where(r => r.Type == "Batch").ToList();
        var calibration = results.Where(r => r.Type == "BatchCalibration").ToList();
        if (batch.Count == 0 && calibration.Count == 0) return;
        sb.AppendLine("### Batch: 2,000 medium renders, 1 vs 2 threads (`Batch`, `BatchCalibration`)").AppendLine();
        sb.AppendLine("| engine | 1 thread / batch | 2 threads / batch | speedup | % of machine ceiling | alloc / batch (1t) | GC gen0/1/2 per batch (1t) | GC gen0/1/2 per batch (2t) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        double? ceiling = null;
        var c1 = calibration.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Threads") == "1");
        var c2 = calibration.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Threads") == "2");
        if (c1 is not null && c2 is not null) ceiling = c1.MedianNs / c2.MedianNs;
        foreach (var engine in Engines.Names.Prepend("Kida").Distinct())
        {
            var t1 = batch.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Engine") == engine && r.Parameters.GetValueOrDefault("Threads") == "1");
            var t2 = batch.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Engine") == engine && r.Parameters.GetValueOrDefault("Threads") == "2");
            if (t1 is null && t2 is null)
            {
                if (engine == "Kida") sb.AppendLine("| Kida | pending | pending | pending | pending | pending | pending | pending |");
                continue;
            }
            var speedup = t1 is not null && t2 is not null ? t1.MedianNs / t2.MedianNs : (double?)null;
            sb.Append($"| {Display(engine)} | {Time(t1?.MedianNs)} | {Time(t2?.MedianNs)} | ");
            sb.Append(speedup is null ? "–" : speedup.Value.ToString("0.00×", CultureInfo.InvariantCulture)).Append(" | ");
            sb.Append(speedup is null || ceiling is null ? "–" : (100 * (speedup.Value - 1) / (ceiling.Value - 1)).ToString("0", CultureInfo.InvariantCulture) + "%").Append(" | ");
            sb.Append(Bytes(t1?.AllocatedBytes)).Append(" | ");
            sb.Append(Gc(gcDir, $"Batch-{engine}-1")).Append(" | ").Append(Gc(gcDir, $"Batch-{engine}-2")).AppendLine(" |");
        }
        // The same batch through Kida's own engine (BatchEngine): outputs kept (BatchRenderer.Render) and streamed.
        var engineRuns = results.Where(r => r.Type == "BatchEngine").ToList();
        foreach (var outputs in new[] { "kept", "streamed" })
        {
            var t1 = engineRuns.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Outputs") == outputs && r.Parameters.GetValueOrDefault("Threads") == "1");
            var t2 = engineRuns.FirstOrDefault(r => r.Parameters.GetValueOrDefault("Outputs") == outputs && r.Parameters.GetValueOrDefault("Threads") == "2");
            if (t1 is null && t2 is null) continue;
            var speedup = t1 is not null && t2 is not null ? t1.MedianNs / t2.MedianNs : (double?)null;
            sb.Append($"| Kida (BatchRenderer, outputs {outputs}) | {Time(t1?.MedianNs)} | {Time(t2?.MedianNs)} | ");
            sb.Append(speedup is null ? "–" : speedup.Value.ToString("0.00×", CultureInfo.InvariantCulture)).Append(" | ");
            sb.Append(speedup is null || ceiling is null ? "–" : (100 * (speedup.Value - 1) / (ceiling.Value - 1)).ToString("0", CultureInfo.InvariantCulture) + "%").Append(" | ");
            sb.Append(Bytes(t1?.AllocatedBytes)).Append(" | ");
            sb.Append(Gc(gcDir, $"BatchEngine-{outputs}-1")).Append(" | ").Append(Gc(gcDir, $"BatchEngine-{outputs}-2")).AppendLine(" |");
        }
        if (c1 is not null || c2 is not null)
        {
            sb.Append($"| calibration (pure arithmetic) | {Time(c1?.MedianNs)} | {Time(c2?.MedianNs)} | ");
            sb.Append(ceiling is null ? "–" : ceiling.Value.ToString("0.00×", CultureInfo.InvariantCulture)).Append(" | 100% | – | ");
            sb.Append(Gc(gcDir, "Calibration-1")).Append(" | ").Append(Gc(gcDir, "Calibration-2")).AppendLine(" |");
        }
        sb.AppendLine().AppendLine("\"% of machine ceiling\" = (speedup − 1) ÷ (calibration speedup − 1): how much of the parallelism this machine actually offers the engine uses.").AppendLine();
    }

    /// <summary>Average GC collections per batch over every process that ran that benchmark (from GcCounter files).</summary>
    private static string Gc(string dir, string key)
    {
        var path = Path.Combine(dir, key + ".gc");
        if (!File.Exists(path)) return "–";
        double batches = 0, g0 = 0, g1 = 0, g2 = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4) continue;
            var n = double.Parse(f[0], CultureInfo.InvariantCulture);
            batches += n;
            g0 += n * double.Parse(f[1], CultureInfo.InvariantCulture);
            g1 += n * double.Parse(f[2], CultureInfo.InvariantCulture);
            g2 += n * double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        return batches == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{g0 / batches:0.##} / {g1 / batches:0.##} / {g2 / batches:0.##}");
    }

    private static string Time(double? ns) => ns switch
    {
        null => "–",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{ns:0.0} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000:0.00} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000:0.00} ms"),
    };

    private static string Bytes(long? b) => b switch
    {
        null => "–",
        < 1024 => $"{b} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{b / (1024.0 * 1024):0.00} MB"),
    };
}
