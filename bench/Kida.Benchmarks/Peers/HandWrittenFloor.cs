using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// The floor: plain C# per shape, appending the page's text to a StringBuilder (or a TextWriter) from typed records
/// deserialised once from the same JSON, with MarkupSafe's escaping. It produces Jinja2's output byte for byte.
/// A reference for "how fast can this page possibly be built", not a competitor: it has no template at all.
/// </summary>
public sealed class HandWrittenFloor : ITemplateEngine
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly object?[] _models = new object?[ShapeCatalog.Names.Length];

    public string Name => "HandWrittenFloor";

    public bool ExactOutput => true;

    public void Prepare(Shape shape) => _models[shape.Index] ??= Deserialize(shape);

    /// <summary>The shape's data as the floor's typed records (what the <c>KidaTyped</c> variant renders).</summary>
    internal static object TypedModel(Shape shape) => Deserialize(shape);

    private static object Deserialize(Shape shape) => shape.Name switch
    {
        "minimal" => JsonSerializer.Deserialize<MinimalModel>(shape.Json, Json)!,
        "small" => JsonSerializer.Deserialize<SmallModel>(shape.Json, Json)!,
        "medium" => JsonSerializer.Deserialize<MediumModel>(shape.Json, Json)!,
        "large" => JsonSerializer.Deserialize<LargeModel>(shape.Json, Json)!,
        "complex" => JsonSerializer.Deserialize<ComplexModel>(shape.Json, Json)!,
        _ => throw new ArgumentException(shape.Name),
    };

    public string Render(Shape shape)
    {
        var sb = new StringBuilder(shape.Expected.Length + 16);
        var sink = new BuilderSink(sb);
        Emit(ref sink, Model(shape));
        return sb.ToString();
    }

    public void Render(Shape shape, TextWriter writer)
    {
        var sink = new WriterSink(writer);
        Emit(ref sink, Model(shape));
    }

    /// <summary>The floor has nothing to parse; cold cost is deserialising its typed model.</summary>
    public object Parse(Shape shape) => Deserialize(shape);

    private object Model(Shape shape) => _models[shape.Index] ?? throw new InvalidOperationException($"shape '{shape.Name}' was not prepared");

    private static void Emit<TSink>(ref TSink o, object model) where TSink : struct, ISink
    {
        switch (model)
        {
            case MinimalModel m: Minimal(ref o, m); break;
            case SmallModel m: Small(ref o, m); break;
            case MediumModel m: Medium(ref o, m); break;
            case LargeModel m: Large(ref o, m); break;
            case ComplexModel m: Complex(ref o, m); break;
            default: throw new ArgumentException(model.GetType().Name);
        }
    }

    private static void Minimal<TSink>(ref TSink o, MinimalModel m) where TSink : struct, ISink
    {
        o.Raw("Hello, ");
        o.Escaped(m.Name);
        o.Raw("!");
    }

    private static void Small<TSink>(ref TSink o, SmallModel m) where TSink : struct, ISink
    {
        o.Raw("<h2>"); o.Escaped(m.Title); o.Raw("</h2>\n<ul class=\"picks\">\n");
        foreach (var item in m.Items)
        {
            o.Raw("\n  <li>");
            o.Escaped(item.Name.ToUpperInvariant());
            if (item.OnSale) o.Raw(" <span class=\"sale\">on sale</span>");
            o.Raw("</li>\n");
        }
        o.Raw("\n</ul>");
    }

    private static void Medium<TSink>(ref TSink o, MediumModel m) where TSink : struct, ISink
    {
        o.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>");
        o.Escaped(m.Title);
        o.Raw("</title>\n</head>\n<body>\n  <nav class=\"categories\">\n    <ul>\n    ");
        foreach (var cat in m.Categories)
        {
            o.Raw("\n      <li><a href=\"/shop/");
            o.Escaped(cat.Name.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal));
            o.Raw("/\">");
            o.Escaped(cat.Name);
            o.Raw("</a> <small>(");
            o.Integer(cat.Count);
            o.Raw(")</small></li>\n    ");
        }
        o.Raw("\n    </ul>\n  </nav>\n  <main>\n    <h1>");
        o.Escaped(m.Title);
        o.Raw("</h1>\n    <table class=\"catalog\">\n      <tr><th>SKU</th><th>Product</th><th>Price</th></tr>\n      ");
        foreach (var item in m.Items)
        {
            o.Raw("\n      <tr><td>");
            o.Integer(item.Id);
            o.Raw("</td><td class=\"name\">");
            o.Escaped(item.Name);
            o.Raw("</td><td class=\"price\">");
            o.Raw(PyFloat.Repr(PyFloat.Round(item.Price, 2)));
            o.Raw("</td></tr>\n      ");
        }
        o.Raw("\n    </table>\n    <p class=\"recent\">\n      ");
        foreach (var v in m.Values)
        {
            o.Raw("<span>"); o.Integer(v); o.Raw("</span>");
        }
        o.Raw("\n    </p>\n  </main>\n</body>\n</html>");
    }

    private static void Large<TSink>(ref TSink o, LargeModel m) where TSink : struct, ISink
    {
        o.Raw("<h1>"); o.Escaped(m.Title);
        o.Raw("</h1>\n<table class=\"directory\">\n  <thead><tr><th>#</th><th>Name</th><th>Email</th><th>City</th><th>Score</th></tr></thead>\n  <tbody>\n  ");
        var index = 0;
        foreach (var row in m.Rows)
        {
            index++;
            o.Raw((index & 1) == 1 ? "\n    <tr class=\"odd\"><td>" : "\n    <tr class=\"even\"><td>");
            o.Integer(row.Id);
            o.Raw("</td><td>"); o.Escaped(row.Name);
            o.Raw("</td><td>"); o.Escaped(row.Email);
            o.Raw("</td><td>"); o.Escaped(row.City);
            o.Raw("</td><td>"); o.Integer(row.Score);
            o.Raw("</td></tr>\n  ");
        }
        o.Raw("\n  </tbody>\n</table>");
    }

    private static void Complex<TSink>(ref TSink o, ComplexModel m) where TSink : struct, ISink
    {
        // base.html with section.html's header/content blocks, complex.html's title/main blocks and the byline include.
        o.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>");
        o.Escaped(m.Article.Title); o.Raw(" | "); o.Escaped(m.Site.Name);
        o.Raw("</title>\n  <link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n  <header>");
        o.Raw("\n  <a class=\"brand\" href=\"/\">"); o.Escaped(m.Site.Name);
        o.Raw("</a>\n  <nav class=\"section-nav\">\n    <ul>\n    ");
        foreach (var link in m.Section.Links)
        {
            o.Raw(link.Active ? "\n      <li class=\"active\"><a href=\"" : "\n      <li><a href=\"");
            o.Escaped(link.Url); o.Raw("\">"); o.Escaped(link.Label); o.Raw("</a></li>\n    ");
        }
        o.Raw("\n    </ul>\n  </nav>\n</header>\n  <div id=\"content\">");
        o.Raw("\n  <div class=\"section section-"); o.Escaped(m.Section.Slug);
        o.Raw("\">\n    <h2>"); o.Escaped(m.Section.Title); o.Raw("</h2>\n    ");
        o.Raw("\n    <article>\n      <h1>"); o.Escaped(m.Article.Title); o.Raw("</h1>\n      ");
        o.Raw("<p class=\"byline\">By <a href=\""); o.Escaped(m.Article.Author.Url); o.Raw("\">"); o.Escaped(m.Article.Author.Name);
        o.Raw("</a> on <time>"); o.Escaped(m.Article.Date); o.Raw("</time></p>\n      ");
        var index = 0;
        foreach (var s in m.Article.Sections)
        {
            index++;
            o.Raw("\n      <section id=\"part-"); o.Integer(index);
            o.Raw("\">\n        <h3>"); o.Escaped(s.Heading);
            o.Raw("</h3>\n        <p>"); o.Escaped(s.Body);
            o.Raw("</p>\n      </section>\n      ");
        }
        o.Raw("\n      <ul class=\"tags\">\n      ");
        foreach (var tag in m.Article.Tags) { o.Raw("<li>"); o.Escaped(tag); o.Raw("</li>"); }
        o.Raw("\n      </ul>\n    </article>\n");
        o.Raw("\n  </div>\n");
        o.Raw("</div>\n  <footer><p>&copy; "); o.Integer(m.Site.Year); o.Raw(" "); o.Escaped(m.Site.Name);
        o.Raw("</p></footer>\n</body>\n</html>");
    }

    // ---- output sinks: one generic body, specialised by the JIT for each struct ----

    internal interface ISink
    {
        void Raw(string s);
        void Raw(ReadOnlySpan<char> s);
        void Integer(long value);
        void Escaped(string s);
    }

    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    /// <summary>MarkupSafe's escaping: &amp; &lt; &gt; &#34; &#39;.</summary>
    internal static void Escape<TSink>(ref TSink o, string s) where TSink : struct, ISink
    {
        var span = s.AsSpan();
        while (true)
        {
            var i = span.IndexOfAny(Special);
            if (i < 0) { o.Raw(span); return; }
            if (i > 0) o.Raw(span[..i]);
            o.Raw(span[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&#34;", _ => "&#39;" });
            span = span[(i + 1)..];
        }
    }

    internal readonly struct BuilderSink(StringBuilder sb) : ISink
    {
        public void Raw(string s) => sb.Append(s);
        public void Raw(ReadOnlySpan<char> s) => sb.Append(s);
        public void Integer(long value) => sb.Append(value);
        public void Escaped(string s) { var self = this; Escape(ref self, s); }
    }

    internal readonly struct WriterSink(TextWriter writer) : ISink
    {
        public void Raw(string s) => writer.Write(s);
        public void Raw(ReadOnlySpan<char> s) => writer.Write(s);
        public void Integer(long value)
        {
            Span<char> buf = stackalloc char[20];
            value.TryFormat(buf, out var n, default, CultureInfo.InvariantCulture);
            writer.Write(buf[..n]);
        }
        public void Escaped(string s) { var self = this; Escape(ref self, s); }
    }

    // ---- typed models (snake_case JSON) ----

    private sealed record MinimalModel(string Name);
    private sealed record SmallModel(string Title, SmallItem[] Items);
    private sealed record SmallItem(string Name, bool OnSale);
    private sealed record MediumModel(string Title, Category[] Categories, Product[] Items, long[] Values);
    private sealed record Category(string Name, long Count);
    private sealed record Product(long Id, string Name, double Price);
    private sealed record LargeModel(string Title, Row[] Rows);
    private sealed record Row(long Id, string Name, string Email, string City, long Score);
    private sealed record ComplexModel(Site Site, SectionInfo Section, Article Article);
    private sealed record Site(string Name, long Year);
    private sealed record SectionInfo(string Title, string Slug, Link[] Links);
    private sealed record Link(string Url, string Label, bool Active);
    private sealed record Article(string Title, string Date, Author Author, ArticleSection[] Sections, string[] Tags);
    private sealed record Author(string Name, string Url);
    private sealed record ArticleSection(string Heading, string Body);
}

/// <summary>Python float semantics the floor needs: <c>round(x, n)</c> and <c>repr(x)</c>.</summary>
internal static class PyFloat
{
    /// <summary>Python's round: correctly rounded on the exact binary value, ties to even.</summary>
    public static double Round(double x, int digits)
    {
        // .NET formats the exact binary value; only exact ties (e.g. 0.125) need Python's half-even rule.
        var scaled = (decimal)x * Pow10(digits);
        if (scaled - decimal.Truncate(scaled) is 0.5m or -0.5m && (double)((decimal)x) == x)
            return (double)Math.Round((decimal)x, digits, MidpointRounding.ToEven);
        return double.Parse(x.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int n) { var p = 1m; for (var i = 0; i < n; i++) p *= 10; return p; }

    /// <summary>Python's repr of a float: shortest round-trip digits, always with a decimal point.</summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        var s = x.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
