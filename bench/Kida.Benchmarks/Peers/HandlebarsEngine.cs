using System.Globalization;
using HandlebarsDotNet;
using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// Handlebars.Net: one environment per engine with the helpers the pages need (<c>lower upper replace round inc
/// isEven</c>) and the layouts/partials registered as partials; each page compiled once to a string delegate and
/// once to a writer delegate; the data as plain dictionaries and lists.
/// </summary>
public sealed class HandlebarsEngine : ITemplateEngine
{
    private readonly IHandlebars _handlebars = CreateEnvironment();
    private readonly PreparedSlots<Prepared> _prepared = new();
    private readonly Lock _registerLock = new();
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);

    private sealed record Prepared(HandlebarsTemplate<object, object> AsString, HandlebarsTemplate<TextWriter, object, object> ToWriter, object Data);

    public string Name => "Handlebars";

    public bool ExactOutput => false;

    private static IHandlebars CreateEnvironment()
    {
        var hb = Handlebars.Create();
        hb.RegisterHelper("lower", (context, arguments) => Str(arguments[0]).ToLowerInvariant());
        hb.RegisterHelper("upper", (context, arguments) => Str(arguments[0]).ToUpperInvariant());
        hb.RegisterHelper("replace", (context, arguments) => Str(arguments[0]).Replace(Str(arguments[1]), Str(arguments[2]), StringComparison.Ordinal));
        hb.RegisterHelper("round", (context, arguments) =>
            Math.Round(Convert.ToDouble(arguments[0], CultureInfo.InvariantCulture), Convert.ToInt32(arguments[1], CultureInfo.InvariantCulture), MidpointRounding.ToEven));
        hb.RegisterHelper("inc", (context, arguments) => Convert.ToInt64(arguments[0], CultureInfo.InvariantCulture) + 1);
        hb.RegisterHelper("isEven", (context, arguments) => Convert.ToInt64(arguments[0], CultureInfo.InvariantCulture) % 2 == 0);
        return hb;
    }

    private static string Str(object? o) => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";

    public void Prepare(Shape shape) => _prepared.Ensure(shape, s =>
    {
        lock (_registerLock)
        {
            foreach (var dep in s.Dependencies)
                if (_registered.Add(dep)) _handlebars.RegisterTemplate(dep, s.Source(ShapeSyntax.Handlebars, dep));
        }
        var source = s.Source(ShapeSyntax.Handlebars, s.Name);
        return new Prepared(_handlebars.Compile(source), _handlebars.Compile(new StringReader(source)), s.Data);
    });

    public string Render(Shape shape)
    {
        var p = _prepared.Get(shape);
        return p.AsString(p.Data);
    }

    public void Render(Shape shape, TextWriter writer)
    {
        var p = _prepared.Get(shape);
        p.ToWriter(writer, p.Data);
    }

    public object Parse(Shape shape)
    {
        // A fresh environment (helpers and partials registered anew) so nothing is cached from earlier runs.
        var hb = CreateEnvironment();
        foreach (var dep in shape.Dependencies) hb.RegisterTemplate(dep, shape.Source(ShapeSyntax.Handlebars, dep));
        return hb.Compile(shape.Source(ShapeSyntax.Handlebars, shape.Name));
    }
}
