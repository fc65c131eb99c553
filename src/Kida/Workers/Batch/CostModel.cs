using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kida.Workers;

/// <summary>
/// What rendering each template costs on this machine, learned from measured render times: a running average per
/// template (keyed by name), in serial units (times measured while several workers shared the machine are divided
/// by the measured slowdown first). Optionally a slowdown per worker count set by hand, which then overrides the
/// machine's measured one. <see cref="BatchRenderer"/> predicts a batch from it and feeds every batch's
/// measurements back.
/// Thread-safe. Persisted as a small JSON file with <see cref="Load(string)"/> and <see cref="Save()"/>.
/// </summary>
public sealed class CostModel
{
    /// <summary>
    /// Samples after which the average stops being a plain mean and becomes a moving one, so a template that got
    /// slower (bigger data, other machine load) is re-learned within a few batches instead of never.
    /// </summary>
    public const int MaxEffectiveSamples = 16;

    /// <summary>A batch with at least this many renders of a template, whose mean is off by more than 2×, replaces the learned cost.</summary>
    public const int ReplaceAfterSamples = 4;

    private const int FormatVersion = 1;
    private readonly object _gate = new();
    private readonly Dictionary<string, (double MeanMicroseconds, int Samples)> _templates = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, double> _slowdown = [];

    /// <summary>An empty model that lives in memory only (unless saved with <see cref="Save(string)"/>).</summary>
    public CostModel()
    {
    }

    private CostModel(string path)
    {
        FilePath = Path.GetFullPath(path);
    }

    /// <summary>The process-wide model used when <see cref="BatchOptions.CostModel"/> is null.</summary>
    public static CostModel Shared { get; } = new();

    /// <summary>The file this model was loaded from and is saved to after each batch; null for an in-memory model.</summary>
    public string? FilePath { get; }

    /// <summary>Templates with a learned cost.</summary>
    public int Count
    {
        get { lock (_gate) return _templates.Count; }
    }

    /// <summary>
    /// A model bound to <paramref name="path"/>: read from it when it exists (an unreadable or corrupt file counts as
    /// empty, since a cost model is only a hint), and written back by <see cref="BatchRenderer"/> after each batch.
    /// </summary>
    public static CostModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = new CostModel(path);
        try
        {
            if (File.Exists(model.FilePath)) model.ReadJson(File.ReadAllText(model.FilePath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException)
        {
            model.Clear();
        }
        return model;
    }

    /// <summary>The key a template's cost is stored under: its name, or a stable hash of its source when it has none.</summary>
    public static string KeyOf(Template template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Name ?? "<string>#" + StableHash(template.Source).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The learned cost of rendering a template once, if it has been measured.</summary>
    public bool TryGetCost(string templateKey, out TimeSpan cost)
    {
        var found = TryGetMicroseconds(templateKey, out var microseconds);
        cost = TimeSpan.FromMicroseconds(microseconds);
        return found;
    }

    /// <summary>Sets a template's cost outright (as if measured many times); for tests and for seeding a model.</summary>
    public void SetCost(string templateKey, TimeSpan cost)
    {
        ArgumentNullException.ThrowIfNull(templateKey);
        lock (_gate) _templates[templateKey] = (cost.TotalMicroseconds, MaxEffectiveSamples);
    }

    /// <summary>
    /// How much longer a job takes when <paramref name="workers"/> workers run at once than alone (1.0 = no
    /// slowdown). Where that worker count was never measured, the largest slowdown measured at a smaller count
    /// (more workers never share the machine better), else 1.0.
    /// </summary>
    public double GetSlowdown(int workers)
    {
        lock (_gate) return SlowdownLocked(workers);
    }

    /// <summary>Sets the slowdown for a worker count; for tests and what-ifs.</summary>
    public void SetSlowdown(int workers, double slowdown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 2);
        if (!double.IsFinite(slowdown) || slowdown <= 0) throw new ArgumentOutOfRangeException(nameof(slowdown));
        lock (_gate) _slowdown[workers] = slowdown;
    }

    /// <summary>Whether any slowdown has been set here, overriding the machine's measured one (<see cref="DispatchCosts.FullLoadSlowdown"/>).</summary>
    public bool HasSlowdownOverride
    {
        get { lock (_gate) return _slowdown.Count > 0; }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _templates.Clear();
            _slowdown.Clear();
        }
    }

    /// <summary>Writes the model to <see cref="FilePath"/>; does nothing for an in-memory model.</summary>
    public void Save()
    {
        if (FilePath is not null) Save(FilePath);
    }

    /// <summary>Writes the model as JSON to <paramref name="path"/>, atomically (a temporary file renamed over it).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = ToJson();
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        // A reader (another process starting a batch) never sees a half-written file.
        var temporary = full + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The model as JSON: <c>{"version":1,"templates":{"name":{"microseconds":12.5,"samples":40}},"slowdown":{"2":1.1}}</c>.</summary>
    public string ToJson()
    {
        var templates = new JsonObject();
        var slowdown = new JsonObject();
        lock (_gate)
        {
            foreach (var (key, (mean, samples)) in _templates.OrderBy(e => e.Key, StringComparer.Ordinal))
                templates[key] = new JsonObject { ["microseconds"] = Math.Round(mean, 3), ["samples"] = samples };
            foreach (var (workers, value) in _slowdown)
                slowdown[workers.ToString(CultureInfo.InvariantCulture)] = Math.Round(value, 4);
        }
        var root = new JsonObject { ["version"] = FormatVersion, ["templates"] = templates, ["slowdown"] = slowdown };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    internal bool TryGetMicroseconds(string templateKey, out double microseconds)
    {
        lock (_gate)
        {
            if (_templates.TryGetValue(templateKey, out var entry))
            {
                microseconds = entry.MeanMicroseconds;
                return true;
            }
        }
        microseconds = 0;
        return false;
    }

    /// <summary>Folds one batch's measurements of a template (already in serial units) into its average.</summary>
    internal void Record(string templateKey, double sumMicroseconds, int count)
    {
        if (count <= 0 || !double.IsFinite(sumMicroseconds)) return;
        var batchMean = sumMicroseconds / count;
        lock (_gate)
        {
            if (_templates.TryGetValue(templateKey, out var entry))
            {
                // A batch of several renders more than twice (or under half) the learned cost means the template or
                // the machine changed, or the old figure came from cold, not yet optimised code: replace, not blend.
                var ratio = entry.MeanMicroseconds > 0 ? batchMean / entry.MeanMicroseconds : double.PositiveInfinity;
                if (count >= ReplaceAfterSamples && (ratio > 2 || ratio < 0.5))
                {
                    _templates[templateKey] = (batchMean, Math.Min(count, MaxEffectiveSamples));
                    return;
                }
                var n = Math.Min(entry.Samples, MaxEffectiveSamples);
                var mean = entry.MeanMicroseconds + (batchMean - entry.MeanMicroseconds) * count / (n + count);
                _templates[templateKey] = (mean, Math.Min(n + count, MaxEffectiveSamples));
            }
            else
            {
                _templates[templateKey] = (batchMean, Math.Min(count, MaxEffectiveSamples));
            }
        }
    }

    /// <summary>The mean cost per unit of static weight over the known templates, for templates never measured.</summary>
    internal double MeanMicroseconds()
    {
        lock (_gate)
        {
            if (_templates.Count == 0) return 0;
            var sum = 0.0;
            foreach (var entry in _templates.Values) sum += entry.MeanMicroseconds;
            return sum / _templates.Count;
        }
    }

    private double SlowdownLocked(int workers)
    {
        if (workers <= 1) return 1.0;
        if (_slowdown.TryGetValue(workers, out var exact)) return exact;
        var result = 1.0;
        foreach (var (w, value) in _slowdown)
        {
            if (w > workers) break;
            result = Math.Max(result, value);
        }
        return result;
    }

    private void ReadJson(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A cost model is a JSON object.");
        if (root["version"]?.GetValue<int>() != FormatVersion) return; // another format: start cold rather than misread it
        lock (_gate)
        {
            if (root["templates"] is JsonObject templates)
            {
                foreach (var (key, value) in templates)
                {
                    if (value is not JsonObject entry) continue;
                    var mean = entry["microseconds"]?.GetValue<double>() ?? double.NaN;
                    var samples = entry["samples"]?.GetValue<int>() ?? 1;
                    if (double.IsFinite(mean) && mean >= 0) _templates[key] = (mean, Math.Clamp(samples, 1, MaxEffectiveSamples));
                }
            }
            if (root["slowdown"] is JsonObject slowdown)
            {
                foreach (var (key, value) in slowdown)
                {
                    if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) && workers >= 2
                        && value?.GetValue<double>() is { } factor && double.IsFinite(factor) && factor > 0)
                        _slowdown[workers] = factor;
                }
            }
        }
    }

    // FNV-1a over the UTF-16 code units: string.GetHashCode is randomised per process, which would make unnamed
    // templates look new on every run.
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
