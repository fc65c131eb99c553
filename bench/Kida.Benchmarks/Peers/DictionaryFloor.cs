using System.Text;
using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// The floor's code reading the data every engine gets — <c>Dictionary&lt;string, object?&gt;</c> and
/// <c>List&lt;object?&gt;</c> from <see cref="PlainData"/> — instead of typed records: a string-keyed lookup and a
/// type test per value, as a template engine must do. A reference, not a competitor: it tells how much of the gap
/// between an engine and <see cref="HandWrittenFloor"/> is the data's shape rather than the engine.
/// </summary>
public sealed class DictionaryFloor : ITemplateEngine
{
    public string Name => "DictionaryFloor";

    public bool ExactOutput => true;

    public void Prepare(Shape shape) { }

    public string Render(Shape shape)
    {
        var sb = new StringBuilder(shape.Expected.Length + 16);
        var sink = new HandWrittenFloor.BuilderSink(sb);
        Emit(ref sink, shape);
        return sb.ToString();
    }

    public void Render(Shape shape, TextWriter writer)
    {
        var sink = new HandWrittenFloor.WriterSink(writer);
        Emit(ref sink, shape);
    }

    /// <summary>Nothing to parse or convert: the dictionaries are the shape's own data.</summary>
    public object Parse(Shape shape) => shape.Data;

    private static void Emit<TSink>(ref TSink o, Shape shape) where TSink : struct, HandWrittenFloor.ISink
    {
        var d = shape.Data;
        switch (shape.Name)
        {
            case "minimal": o.Raw("Hello, "); Value(ref o, d["name"]); o.Raw("!"); break;
            case "small": Small(ref o, d); break;
            case "medium": Medium(ref o, d); break;
            case "large": Large(ref o, d); break;
            case "complex": Complex(ref o, d); break;
            default: throw new ArgumentException(shape.Name);
        }
    }

    private static Dictionary<string, object?> Dict(object? value) => (Dictionary<string, object?>)value!;

    private static List<object?> List(object? value) => (List<object?>)value!;

    private static string Str(object? value) => (string)value!;

    /// <summary>Prints a string (escaped) or an integer, the two kinds of value these pages print unfiltered.</summary>
    private static void Value<TSink>(ref TSink o, object? value) where TSink : struct, HandWrittenFloor.ISink
    {
        switch (value)
        {
            case string s: o.Escaped(s); break;
            case long l: o.Integer(l); break;
            default: throw new ArgumentException($"unexpected value {value}");
        }
    }

    private static void Small<TSink>(ref TSink o, Dictionary<string, object?> m) where TSink : struct, HandWrittenFloor.ISink
    {
        o.Raw("<h2>"); Value(ref o, m["title"]); o.Raw("</h2>\n<ul class=\"picks\">\n");
        foreach (var entry in List(m["items"]))
        {
            var item = Dict(entry);
            o.Raw("\n  <li>");
            o.Escaped(Str(item["name"]).ToUpperInvariant());
            if (item["on_sale"] is true) o.Raw(" <span class=\"sale\">on sale</span>");
            o.Raw("</li>\n");
        }
        o.Raw("\n</ul>");
    }

    private static void Medium<TSink>(ref TSink o, Dictionary<string, object?> m) where TSink : struct, HandWrittenFloor.ISink
    {
        o.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>");
        Value(ref o, m["title"]);
        o.Raw("</title>\n</head>\n<body>\n  <nav class=\"categories\">\n    <ul>\n    ");
        foreach (var entry in List(m["categories"]))
        {
            var cat = Dict(entry);
            var name = Str(cat["name"]);
            o.Raw("\n      <li><a href=\"/shop/");
            o.Escaped(name.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal));
            o.Raw("/\">");
            o.Escaped(name);
            o.Raw("</a> <small>(");
            Value(ref o, cat["count"]);
            o.Raw(")</small></li>\n    ");
        }
        o.Raw("\n    </ul>\n  </nav>\n  <main>\n    <h1>");
        Value(ref o, m["title"]);
        o.Raw("</h1>\n    <table class=\"catalog\">\n      <tr><th>SKU</th><th>Product</th><th>Price</th></tr>\n      ");
        foreach (var entry in List(m["items"]))
        {
            var item = Dict(entry);
            o.Raw("\n      <tr><td>");
            Value(ref o, item["id"]);
            o.Raw("</td><td class=\"name\">");
            Value(ref o, item["name"]);
            o.Raw("</td><td class=\"price\">");
            var price = item["price"] switch { double p => p, long l => l, var other => throw new ArgumentException($"unexpected price {other}") };
            o.Raw(PyFloat.Repr(PyFloat.Round(price, 2)));
            o.Raw("</td></tr>\n      ");
        }
        o.Raw("\n    </table>\n    <p class=\"recent\">\n      ");
        foreach (var v in List(m["values"]))
        {
            o.Raw("<span>"); Value(ref o, v); o.Raw("</span>");
        }
        o.Raw("\n    </p>\n  </main>\n</body>\n</html>");
    }

    private static void Large<TSink>(ref TSink o, Dictionary<string, object?> m) where TSink : struct, HandWrittenFloor.ISink
    {
        o.Raw("<h1>"); Value(ref o, m["title"]);
        o.Raw("</h1>\n<table class=\"directory\">\n  <thead><tr><th>#</th><th>Name</th><th>Email</th><th>City</th><th>Score</th></tr></thead>\n  <tbody>\n  ");
        var index = 0;
        foreach (var entry in List(m["rows"]))
        {
            var row = Dict(entry);
            index++;
            o.Raw((index & 1) == 1 ? "\n    <tr class=\"odd\"><td>" : "\n    <tr class=\"even\"><td>");
            Value(ref o, row["id"]);
            o.Raw("</td><td>"); Value(ref o, row["name"]);
            o.Raw("</td><td>"); Value(ref o, row["email"]);
            o.Raw("</td><td>"); Value(ref o, row["city"]);
            o.Raw("</td><td>"); Value(ref o, row["score"]);
            o.Raw("</td></tr>\n  ");
        }
        o.Raw("\n  </tbody>\n</table>");
    }

    private static void Complex<TSink>(ref TSink o, Dictionary<string, object?> m) where TSink : struct, HandWrittenFloor.ISink
    {
        var site = Dict(m["site"]);
        var section = Dict(m["section"]);
        var article = Dict(m["article"]);
        var author = Dict(article["author"]);
        // base.html with section.html's header/content blocks, complex.html's title/main blocks and the byline include.
        o.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>");
        Value(ref o, article["title"]); o.Raw(" | "); Value(ref o, site["name"]);
        o.Raw("</title>\n  <link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n  <header>");
        o.Raw("\n  <a class=\"brand\" href=\"/\">"); Value(ref o, site["name"]);
        o.Raw("</a>\n  <nav class=\"section-nav\">\n    <ul>\n    ");
        foreach (var entry in List(section["links"]))
        {
            var link = Dict(entry);
            o.Raw(link["active"] is true ? "\n      <li class=\"active\"><a href=\"" : "\n      <li><a href=\"");
            Value(ref o, link["url"]); o.Raw("\">"); Value(ref o, link["label"]); o.Raw("</a></li>\n    ");
        }
        o.Raw("\n    </ul>\n  </nav>\n</header>\n  <div id=\"content\">");
        o.Raw("\n  <div class=\"section section-"); Value(ref o, section["slug"]);
        o.Raw("\">\n    <h2>"); Value(ref o, section["title"]); o.Raw("</h2>\n    ");
        o.Raw("\n    <article>\n      <h1>"); Value(ref o, article["title"]); o.Raw("</h1>\n      ");
        o.Raw("<p class=\"byline\">By <a href=\""); Value(ref o, author["url"]); o.Raw("\">"); Value(ref o, author["name"]);
        o.Raw("</a> on <time>"); Value(ref o, article["date"]); o.Raw("</time></p>\n      ");
        var index = 0;
        foreach (var entry in List(article["sections"]))
        {
            var s = Dict(entry);
            index++;
            o.Raw("\n      <section id=\"part-"); o.Integer(index);
            o.Raw("\">\n        <h3>"); Value(ref o, s["heading"]);
            o.Raw("</h3>\n        <p>"); Value(ref o, s["body"]);
            o.Raw("</p>\n      </section>\n      ");
        }
        o.Raw("\n      <ul class=\"tags\">\n      ");
        foreach (var tag in List(article["tags"])) { o.Raw("<li>"); Value(ref o, tag); o.Raw("</li>"); }
        o.Raw("\n      </ul>\n    </article>\n");
        o.Raw("\n  </div>\n");
        o.Raw("</div>\n  <footer><p>&copy; "); Value(ref o, site["year"]); o.Raw(" "); Value(ref o, site["name"]);
        o.Raw("</p></footer>\n</body>\n</html>");
    }
}
