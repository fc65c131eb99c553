using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kida.AspNetCore.Hosting;

/// <summary>
/// The instruments of the <c>Kida.AspNetCore</c> meter, which <c>dotnet-counters monitor --counters Kida.AspNetCore</c>
/// shows: <c>kida.renders</c> (renders finished, tagged by template and outcome), <c>kida.render.duration</c> (seconds)
/// and <c>kida.compilations</c> (templates compiled by the environment).
/// </summary>
public sealed class KidaMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>dotnet-counters</c> and OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "Kida.AspNetCore";

    private readonly Meter _meter;
    private readonly Counter<long> _renders;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments through the app's meter factory.</summary>
    /// <param name="meters">The host's meter factory.</param>
    /// <param name="environment">The environment whose compile count is observed.</param>
    public KidaMetrics(IMeterFactory meters, TemplateEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(environment);
        _meter = meters.Create(MeterName);
        _renders = _meter.CreateCounter<long>("kida.renders", "{render}", "Templates rendered into responses.");
        _duration = _meter.CreateHistogram<double>("kida.render.duration", "s", "Time to render a template into a response.");
        _meter.CreateObservableCounter("kida.compilations", () => environment.CompileCount, "{template}", "Templates parsed and compiled.");
    }

    /// <summary>Records one render.</summary>
    /// <param name="template">The template's name.</param>
    /// <param name="outcome"><c>ok</c>, <c>error</c> or <c>canceled</c>.</param>
    /// <param name="seconds">How long it took.</param>
    public void Rendered(string template, string outcome, double seconds)
    {
        var tags = new TagList { { "kida.template", template }, { "kida.outcome", outcome } };
        _renders.Add(1, tags);
        _duration.Record(seconds, tags);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
