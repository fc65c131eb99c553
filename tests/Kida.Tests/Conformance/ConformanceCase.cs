using System.Text.Json;
using Kida.Runtime.Values;

namespace Kida.Tests.Conformance;

/// <summary>One case of the shared corpus (format: ../shared/conformance/README.md).</summary>
public sealed record ConformanceCase(
    string Id,
    string File,
    IReadOnlyDictionary<string, string> Templates,
    string Entry,
    JsonElement Context,
    bool Autoescape,
    bool Strict,
    bool TrimBlocks,
    bool LstripBlocks,
    string? Dialect,
    string? Expected,
    string? ExpectedError)
{
    /// <summary>The case's optional environment settings (delimiters, line prefixes, newlines, undefined kind).</summary>
    public ConformanceEnvironment Environment { get; init; } = new();

    public static IEnumerable<ConformanceCase> Load(string path)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var file = System.IO.Path.GetFileName(path);
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            var templates = new Dictionary<string, string>();
            foreach (var t in c.GetProperty("templates").EnumerateObject()) templates[t.Name] = t.Value.GetString()!;
            yield return new ConformanceCase(
                c.GetProperty("id").GetString()!,
                file,
                templates,
                c.GetProperty("entry").GetString()!,
                c.TryGetProperty("context", out var ctx) ? ctx.Clone() : default,
                c.TryGetProperty("autoescape", out var ae) && ae.GetBoolean(),
                c.TryGetProperty("strict", out var st) && st.GetBoolean(),
                c.TryGetProperty("trim_blocks", out var tb) && tb.GetBoolean(),
                c.TryGetProperty("lstrip_blocks", out var lb) && lb.GetBoolean(),
                c.TryGetProperty("dialect", out var d) ? d.GetString() : null,
                c.TryGetProperty("expected", out var e) ? e.GetString() : null,
                c.TryGetProperty("expected_error", out var ee) ? ee.GetString() : null)
            {
                Environment = ConformanceEnvironment.Load(c),
            };
        }
    }

    public TemplateEnvironment CreateEnvironment() => new(Options());

    /// <summary>
    /// An environment on one tier: interpreted only (tiering off), or compiling every template as it is created
    /// (threshold 0), so every render is on the compiled tier.
    /// </summary>
    public TemplateEnvironment CreateEnvironment(TemplateTier tier) => new(tier == TemplateTier.Compiled
        ? Options() with { TieredCompilation = true, TieredCompilationThreshold = 0 }
        : Options() with { TieredCompilation = false });

    /// <summary>
    /// Renders the case on both tiers; null when they agree (the same text, or the same exception type and message,
    /// which carries the template name, line and column), else the difference. Also fails when the compiled run's entry
    /// template is not on the compiled tier.
    /// </summary>
    public string? CompareTiers()
    {
        var interpreted = RunOn(TemplateTier.Interpreted, out var interpretedTier);
        var compiled = RunOn(TemplateTier.Compiled, out var compiledTier);
        if (interpretedTier == TemplateTier.Compiled) return "the interpreted environment compiled the template";
        if (compiledTier == TemplateTier.Interpreted) return "the entry template did not reach the compiled tier";
        if (interpreted.Output != compiled.Output)
            return $"interpreted {JsonSerializer.Serialize(interpreted.Output)}\n   compiled {JsonSerializer.Serialize(compiled.Output)}";
        if (interpreted.Error?.GetType() != compiled.Error?.GetType() || interpreted.Error?.Message != compiled.Error?.Message)
            return $"interpreted error {interpreted.Error?.GetType().Name}: {interpreted.Error?.Message}\n   compiled error {compiled.Error?.GetType().Name}: {compiled.Error?.Message}";
        return null;
    }

    private (string? Output, Exception? Error) RunOn(TemplateTier wanted, out TemplateTier? tier)
    {
        tier = null;
        try
        {
            var env = CreateEnvironment(wanted);
            var template = env.GetTemplate(Entry);
            tier = template.Tier;
            var context = Context.ValueKind == JsonValueKind.Object ? ClrInterop.FromJson(Context) : new PyDict();
            return (template.Render(context), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    private TemplateEnvironmentOptions Options() => Environment.Apply(new TemplateEnvironmentOptions
    {
        Loader = new DictLoader(Templates),
        Autoescape = Autoescape,
        StrictUndefined = Strict,
        TrimBlocks = TrimBlocks,
        LstripBlocks = LstripBlocks,
        Dialect = Dialect == "kida" ? TemplateDialect.Kida : TemplateDialect.Jinja2,
    });

    /// <summary>Renders the case; returns the output or the error kind the corpus uses.</summary>
    public (string? Output, string? ErrorKind, Exception? Error) Run()
    {
        try
        {
            var env = CreateEnvironment();
            var context = Context.ValueKind == JsonValueKind.Object ? ClrInterop.FromJson(Context) : new PyDict();
            return (env.GetTemplate(Entry).Render(context), null, null);
        }
        catch (Exception ex)
        {
            var kind = ex switch
            {
                TemplateSyntaxException => "syntax",
                UndefinedVariableException => "undefined",
                TemplateNotFoundException => "not_found",
                TemplateException => "runtime",
                ArgumentException => "config", // the environment refused its options
                _ => "crash:" + ex.GetType().Name,
            };
            return (null, kind, ex);
        }
    }

    /// <summary>Null when the case passes, else a description of the difference.</summary>
    public string? Check()
    {
        var (output, kind, error) = Run();
        if (ExpectedError is not null)
        {
            if (kind == ExpectedError) return null;
            return kind is null
                ? $"expected a {ExpectedError} error, got output {JsonSerializer.Serialize(output)}"
                : $"expected a {ExpectedError} error, got {kind}: {error!.Message}";
        }
        if (kind is not null) return $"expected {JsonSerializer.Serialize(Expected)}, got {kind} error: {error}";
        if (output == Expected) return null;
        return $"expected {JsonSerializer.Serialize(Expected)}\n     got {JsonSerializer.Serialize(output)}";
    }
}
