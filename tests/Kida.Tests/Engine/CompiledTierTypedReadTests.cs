using Kida.Compilation.Tiering;
using Kida.Syntax;
using Kida.Syntax.Expressions;

namespace Kida.Tests.Engine;

/// <summary>
/// Issue #18, the compiled tier's warm fast paths: typed reads of <c>loop</c>'s position attributes and of CLR members
/// (behind the type guard the interpreter's cache saw), builtin tests inline, and direct printing — each against the
/// interpreter, with the fallbacks (another type at the site, a dictionary, a user's test, the sandbox, the dialects,
/// autoescape, Markup, finalize, native rendering).
/// </summary>
public class CompiledTierTypedReadTests
{
    public sealed record Row(long Id, string? Name, double Score, bool Active, int Rank);

    public sealed record OtherRow(int Id, string? Name, double Score, bool Active, int Rank);

    public class Person(string name)
    {
        public string Name { get; } = name;
        public int Age { get; init; }
    }

    // A subtype: the exact-type guard compiled for Person must leave it to the interpreter's read.
    public sealed class Employee(string name) : Person(name)
    {
        public long Badge { get; } = name.Length;
    }

    public class Animal
    {
        public object Sound { get; init; } = "...";
        public string Legs = "four";
    }

    // Hides both members with `new`: Type.GetProperty raised AmbiguousMatchException for such a model (seen as raw
    // .NET text in a TemplateRuntimeException); the most derived declaration is what obj.name means, as in C#.
    public sealed class Bird : Animal
    {
        public new string Sound { get; init; } = "tweet";
        public new string Legs = "two";
    }

    public sealed class Fragile(bool fail)
    {
        public string Value => fail ? throw new InvalidOperationException("the getter failed") : "ok";
    }

    public struct Point
    {
        public int X { get; set; }
        public double Y { get; set; }
    }

    public enum Colour { Red, Green }

    public sealed class Wide
    {
        public short Small { get; init; }
        public byte Tiny { get; init; }
        public ulong Huge { get; init; }
        public decimal Money { get; init; }
        public Colour Colour { get; init; }
        public int? Maybe { get; init; }
        public object? Anything { get; init; }
        public Markup Safe { get; init; } = new("<b>safe</b>");
        public List<Row> Rows { get; init; } = [];
        public Row[] Array { get; init; } = [];
        public Point Where { get; init; }
        public string Empty { get; init; } = "";
        public float Single { get; init; }
        public char Letter { get; init; }
        public Type Kind { get; init; } = typeof(Wide);
        public Action Callback { get; init; } = () => { };
    }

    private static readonly Row[] Rows =
    [
        new(1, "Ann <a>", 2.5, true, 3),
        new(2, null, 0.0, false, 0),
        new(3, "", 1e21, true, -4),
        new(1024, "Dee & Co", -0.0, false, 200),
    ];

    private const string RowsPage =
        "{% for r in rows %}<tr class=\"{% if loop.index is odd %}odd{% else %}even{% endif %}\">{{ loop.index }}/{{ loop.index0 }}/" +
        "{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.length }}/{{ loop.first }}/{{ loop.last }}" +
        "<td>{{ r.id }}</td><td>{{ r.name }}</td><td>{{ r.score }}</td><td>{{ r.active }}</td><td>{{ r.rank }}</td>" +
        "{% if r.name %}N{% endif %}{% if r.score %}S{% endif %}{% if r.active %}A{% endif %}{% if r.rank %}R{% endif %}" +
        "{% if loop.first %}F{% endif %}{% if not loop.last %},{% endif %}{% if r.id is even %}e{% endif %}{% if r.rank is odd %}o{% endif %}" +
        "{{ r.name ~ '!' }}{{ [r.id, r.rank, r.score, r.active] }}{% if r.name is none %}none{% endif %}{% if r.name is defined %}d{% endif %}" +
        "{% if loop.index is not even %}!e{% endif %}{{ r.name?.upper() }}</tr>{% endfor %}";

    private static string Run(Template template, object? model)
    {
        try
        {
            return template.Render(model);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>
    /// The interpreter's output for <paramref name="model"/>, and the compiled tier's after it was warmed with
    /// <paramref name="warm"/> (3 renders, then the background compile), with the template that rendered it.
    /// </summary>
    private static (string Interpreted, string Compiled, Template Template) Both(
        string source, object? warm, object? model, TemplateEnvironmentOptions? options = null)
    {
        options ??= new TemplateEnvironmentOptions { Autoescape = true };
        var interpreted = new TemplateEnvironment(options with { TieredCompilation = false }).FromString(source, "page.html");
        var template = new TemplateEnvironment(options with { TieredCompilationThreshold = 3 }).FromString(source, "page.html");
        for (var i = 0; i < 3; i++) Run(template, warm);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (template.Tier != TemplateTier.Compiled && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        return (Run(interpreted, model), Run(template, model), template);
    }

    /// <summary>What each attribute site named <paramref name="name"/> in <paramref name="template"/> was compiled as (null: the generic read).</summary>
    private static List<string?> Compiled(Template template, string name) =>
        SyntaxChildren.DescendantsAndSelf(template.Root).OfType<AttributeExpression>().Where(a => a.Name == name)
            .Select(a => TemplateJit.TypedSites.TryGetValue(a, out var kind) ? kind : null).ToList();

    /// <summary>Asserts that the compiled sites named <paramref name="name"/> (some are inside nodes the interpreter runs) read <paramref name="kind"/>.</summary>
    private static void CompiledAs(Template template, string name, string kind)
    {
        var compiled = Compiled(template, name).Where(k => k is not null).ToList();
        Assert.NotEmpty(compiled);
        Assert.All(compiled, k => Assert.Equal(kind, k));
    }

    private static Dictionary<string, object?> Model(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void Records_and_loop_attributes_are_read_typed_and_render_as_the_interpreter_does()
    {
        var model = Model(("rows", Rows));
        var (interpreted, compiled, template) = Both(RowsPage, model, model);
        Assert.Equal(interpreted, compiled);
        Assert.Contains("<td>Ann &lt;a&gt;</td><td>2.5</td><td>True</td><td>3</td>NSAR", interpreted);
        Assert.Contains("<td>None</td><td>0.0</td><td>False</td><td>0</td>", interpreted);
        Assert.Contains("<td>1e+21</td>", interpreted);
        CompiledAs(template, "index", "Integer on LoopContext");
        CompiledAs(template, "first", "Boolean on LoopContext");
        CompiledAs(template, "id", "Integer on Row");
        CompiledAs(template, "name", "Text on Row");
        CompiledAs(template, "score", "Float on Row");
        CompiledAs(template, "active", "Boolean on Row");
        CompiledAs(template, "rank", "Integer on Row");
    }

    [Fact]
    public void A_site_that_saw_dictionaries_first_and_then_records_falls_back_and_renders_the_same()
    {
        var dicts = Model(("rows", Rows.Select(r => (object?)new Dictionary<string, object?>
        {
            ["id"] = r.Id, ["name"] = r.Name, ["score"] = r.Score, ["active"] = r.Active, ["rank"] = (long)r.Rank,
        }).ToList()));
        var records = Model(("rows", Rows));
        var (interpreted, compiled, template) = Both(RowsPage, dicts, records);
        Assert.Equal(interpreted, compiled);
        Assert.All(Compiled(template, "id"), Assert.Null);
        // And the other way round: compiled for records, then given dictionaries.
        (interpreted, compiled, template) = Both(RowsPage, records, dicts);
        Assert.Equal(interpreted, compiled);
        CompiledAs(template, "id", "Integer on Row");
    }

    [Fact]
    public void Two_record_types_at_one_site_each_render_as_the_interpreter_does()
    {
        var mixed = Model(("rows", new object[]
        {
            Rows[0], new OtherRow(71, "Other <o>", 3.25, true, 7), Rows[1], new OtherRow(-2, null, 0, false, 0), Rows[3],
        }));
        var (interpreted, compiled, template) = Both(RowsPage, Model(("rows", Rows)), mixed);
        Assert.Equal(interpreted, compiled);
        Assert.Contains("<td>71</td><td>Other &lt;o&gt;</td>", interpreted);
        CompiledAs(template, "id", "Integer on Row");
    }

    [Fact]
    public void A_subclass_that_hides_a_member_is_not_read_as_its_base()
    {
        const string source = "{% for p in people %}{{ p.name }}:{{ p.age }}{% if p.name %}+{% endif %}{{ p.badge }};{% endfor %}";
        var warm = Model(("people", new[] { new Person("Ann") { Age = 3 } }));
        var model = Model(("people", new Person[] { new("Bob") { Age = 4 }, new Employee("Carol") { Age = 5 }, new("") }));
        var (interpreted, compiled, template) = Both(source, warm, model);
        Assert.Equal("Bob:4+;Carol:5+5;:0;", interpreted);
        Assert.Equal(interpreted, compiled);
        CompiledAs(template, "name", "Text on Person");
    }

    [Fact]
    public void Every_kind_of_member_reads_prints_and_tests_as_the_interpreter_does()
    {
        const string source =
            "{{ w.small }}|{{ w.tiny }}|{{ w.huge }}|{{ w.money }}|{{ w.colour }}|{{ w.maybe }}|{{ w.anything }}|{{ w.safe }}|" +
            "{{ w.rows|length }}|{{ w.array|map(attribute='name')|join(',') }}|{{ w.where.x }},{{ w.where.y }}|[{{ w.empty }}]|" +
            "{{ w.single }}|{{ w.letter }}|{% if w.maybe %}m{% endif %}{% if w.anything %}a{% endif %}{% if w.safe %}s{% endif %}" +
            "{% if w.rows %}r{% endif %}{% if w.empty %}e{% endif %}{% if w.huge is odd %}o{% endif %}{% if w.small is even %}v{% endif %}" +
            "{% for r in w.array %}{{ loop.index }}{{ r.name }}{% endfor %}{% for r in w.rows %}{{ r.id }}{% endfor %}" +
            "{{ w.safe ~ '<i>' }}{{ w.anything is none }}{{ w.where.x is odd }}";
        var first = new Wide
        {
            Small = -3, Tiny = 200, Huge = ulong.MaxValue, Money = 1.25m, Colour = Colour.Green, Maybe = 0, Anything = 5,
            Rows = [.. Rows], Array = Rows, Where = new Point { X = 3, Y = 0.5 }, Single = 1.5f, Letter = '<',
        };
        var second = new Wide { Maybe = 9, Anything = "<x>", Huge = 3, Where = new Point { X = -2 } };
        var (interpreted, compiled, template) = Both(source, Model(("w", first)), Model(("w", first)));
        Assert.Equal(interpreted, compiled);
        Assert.Contains("<b>safe</b>", interpreted);
        Assert.Contains("Other on Wide", Compiled(template, "maybe"));
        Assert.Contains("Integer on Point", Compiled(template, "x"));
        (interpreted, compiled, _) = Both(source, Model(("w", first)), Model(("w", second)));
        Assert.Equal(interpreted, compiled);
        Assert.Contains("&lt;x&gt;", interpreted);
    }

    [Fact]
    public void Members_the_sandbox_refuses_are_refused_on_both_tiers_and_allowed_ones_read_the_same()
    {
        const string source = "{{ w.small }}{{ w.kind.assembly }}";
        var model = Model(("w", new Wide { Small = 4 }));
        var (interpreted, compiled, template) = Both(source, model, model);
        Assert.StartsWith("TemplateSecurityException", interpreted);
        Assert.Equal(interpreted, compiled);
        Assert.All(Compiled(template, "kind"), Assert.Null);
        Assert.All(Compiled(template, "assembly"), Assert.Null);

        (interpreted, compiled, _) = Both("{{ w.callback.method }}", model, model);
        Assert.StartsWith("TemplateSecurityException", interpreted);
        Assert.Equal(interpreted, compiled);

        var allowing = new TemplateEnvironmentOptions { Autoescape = true, MemberAccess = MemberAccessPolicy.Default.AllowMember(typeof(Wide), "kind").AllowType(typeof(Type)) };
        (interpreted, compiled, _) = Both("{{ w.kind.name }}", model, model, allowing);
        Assert.Equal("Wide", interpreted);
        Assert.Equal(interpreted, compiled);
    }

    [Fact]
    public void A_test_the_user_registered_over_a_builtin_is_called_on_the_compiled_tier()
    {
        var options = new TemplateEnvironmentOptions
        {
            Autoescape = true,
            Tests = new Dictionary<string, TestFunction>
            {
                ["odd"] = (v, _) => v is long l && l % 3 == 0,
                ["defined"] = (v, _) => v is string,
                ["none"] = (v, _) => true,
            },
        };
        const string source =
            "{% for r in rows %}{% if loop.index is odd %}o{% else %}-{% endif %}{% if r.id is odd %}i{% endif %}" +
            "{% if r.name is defined %}d{% endif %}{% if r.id is none %}n{% endif %}{% if r.id is even %}e{% endif %};{% endfor %}";
        var model = Model(("rows", Rows));
        var (interpreted, compiled, _) = Both(source, model, model, options);
        Assert.Equal("-dn;-ne;oidn;-dne;", interpreted);
        Assert.Equal(interpreted, compiled);
    }

    [Fact]
    public void The_builtin_tests_inline_match_the_interpreter_in_both_dialects()
    {
        const string source =
            "{% for v in values %}{% if v is defined %}d{% endif %}{% if v is undefined %}u{% endif %}{% if v is none %}n{% endif %}" +
            "{% if v is not none %}N{% endif %}{% if v is odd %}o{% endif %}{% if v is even %}e{% endif %};{% endfor %}" +
            "{% if missing is defined %}D{% endif %}{% if missing is undefined %}U{% endif %}{% if missing.x is undefined %}X{% endif %}";
        var model = Model(("values", new List<object?> { 1L, 2L, null, 2.0, 3.0, true, -7L }));
        foreach (var dialect in new[] { TemplateDialect.Jinja2, TemplateDialect.Kida })
        {
            var options = new TemplateEnvironmentOptions { Autoescape = true, Dialect = dialect };
            var (interpreted, compiled, _) = Both(source, model, model, options);
            Assert.Equal(interpreted, compiled);
        }
        var odd = Both("{{ 'a' is odd }}", null, null);
        Assert.Equal(odd.Interpreted, odd.Compiled);
    }

    [Fact]
    public void A_loop_variable_that_is_shadowed_or_reassigned_reads_what_it_holds()
    {
        const string source =
            "{{ loop.index }}|{% for a in rows %}{% set outer = loop %}{% for b in rows %}{{ outer.index }}{{ loop.index }}," +
            "{% endfor %}{% endfor %}|{% for a in rows %}{% for loop in [{'index': 'x'}] %}{{ loop.index }}{% endfor %}{% endfor %}|" +
            "{% macro m(loop) %}{{ loop.index }}{{ loop.first }}{% endmacro %}{% for a in rows %}{{ m(loop) }}{{ m({'index': 9}) }}{% endfor %}";
        var model = Model(("rows", Rows[..2]), ("loop", Model(("index", "top"))));
        var (interpreted, compiled, _) = Both(source, model, model);
        Assert.StartsWith("top|", interpreted);
        Assert.Equal(interpreted, compiled);
    }

    [Fact]
    public void The_kida_dialect_prints_none_members_as_empty_except_through_null_safe_reads()
    {
        const string source = "{% for r in rows %}[{{ r.name }}][{{ r?.name }}][{{ r.name ~ '' }}][{{ r?.name ~ '' }}]{% if r.name %}y{% endif %}{% endfor %}";
        var model = Model(("rows", Rows));
        foreach (var dialect in new[] { TemplateDialect.Jinja2, TemplateDialect.Kida })
        {
            var (interpreted, compiled, template) = Both(source, model, model, new TemplateEnvironmentOptions { Autoescape = true, Dialect = dialect });
            Assert.Equal(interpreted, compiled);
            CompiledAs(template, "name", "Text on Row");
        }
    }

    [Fact]
    public void Autoescape_off_autoescape_blocks_markup_and_finalize_print_the_same()
    {
        const string source =
            "{% for r in rows %}{{ r.name }}{{ r.id }}{% autoescape false %}{{ r.name }}{% endautoescape %}{{ s }}{{ m }}{{ n }}{{ i }}{% endfor %}";
        var model = Model(("rows", Rows), ("s", "<s>"), ("m", new Markup("<m>")), ("n", null), ("i", 42L));
        foreach (var autoescape in new[] { true, false })
        {
            var (interpreted, compiled, _) = Both(source, model, model, new TemplateEnvironmentOptions { Autoescape = autoescape });
            Assert.Equal(interpreted, compiled);
        }
        var finalizing = new TemplateEnvironmentOptions { Autoescape = true, Finalize = v => v is null ? "(null)" : v is long l ? l * 2 : v };
        var (fi, fc, _) = Both(source, model, model, finalizing);
        Assert.Contains("(null)", fi);
        Assert.Equal(fi, fc);
        var kida = Both(source, model, model, new TemplateEnvironmentOptions { Autoescape = true, Dialect = TemplateDialect.Kida });
        Assert.Equal(kida.Interpreted, kida.Compiled);
    }

    [Fact]
    public void Native_rendering_of_a_compiled_template_returns_the_interpreters_values()
    {
        const string source = "{% for r in rows %}{{ r.id }}{% endfor %}";
        var model = Model(("rows", Rows[..1]));
        var interpreted = new TemplateEnvironment(new TemplateEnvironmentOptions { TieredCompilation = false }).FromString(source);
        var template = new TemplateEnvironment(new TemplateEnvironmentOptions { TieredCompilationThreshold = 3 }).FromString(source);
        for (var i = 0; i < 3; i++) template.Render(model);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (template.Tier != TemplateTier.Compiled && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        Assert.Equal(1L, interpreted.RenderNative(model));
        Assert.Equal(interpreted.RenderNative(model), template.RenderNative(model));
        var two = Model(("rows", Rows[..2]));
        Assert.Equal(interpreted.RenderNative(two), template.RenderNative(two));
    }

    [Fact]
    public void Errors_inside_typed_reads_carry_the_interpreters_location()
    {
        const string source = "a\n{% for r in rows %}\n{{ r.name.missing.deeper }}{% endfor %}";
        var model = Model(("rows", Rows));
        var interpreted = new TemplateEnvironment(new TemplateEnvironmentOptions { TieredCompilation = false }).FromString(source, "page.html");
        var template = new TemplateEnvironment(new TemplateEnvironmentOptions { TieredCompilationThreshold = 3 }).FromString(source, "page.html");
        var warm = Model(("rows", new[] { new Row(1, "x", 0, false, 0) }));
        for (var i = 0; i < 3; i++) Record.Exception(() => template.Render(warm));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (template.Tier != TemplateTier.Compiled && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        var expected = Assert.IsType<UndefinedVariableException>(Record.Exception(() => interpreted.Render(model)));
        var actual = Assert.IsType<UndefinedVariableException>(Record.Exception(() => template.Render(model)));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(3, actual.Line);
        Assert.Equal(expected.Column, actual.Column);
    }

    [Fact]
    public void Loops_with_a_loop_variable_over_typed_arrays_see_the_items_the_interpreter_sees()
    {
        const string source =
            "{% for r in rows %}{{ loop.index }}{{ r.name }}{{ loop.previtem.id if not loop.first }}{{ loop.nextitem.id if not loop.last }}" +
            "{{ loop.length }}{{ loop.cycle('a', 'b') }};{% endfor %}|{% for t in tags %}{{ loop.revindex }}{{ t }}{{ loop.changed(t) }}{% endfor %}|" +
            "{% for o in objects %}{{ loop.index }}{{ o }}{{ o is none }}{% endfor %}|{% for n in ints %}{{ loop.index0 }}{{ n }}{% endfor %}|" +
            "{% for x in empty %}{{ loop.index }}{% else %}none{% endfor %}";
        var model = Model(("rows", Rows), ("tags", new[] { "a", "a", "<b>" }), ("objects", new object?[] { 1, (short)2, 3.5f, "s", null }),
            ("ints", new[] { 5, 6 }), ("empty", Array.Empty<Row>()));
        var (interpreted, compiled, _) = Both(source, model, model);
        Assert.Contains("|3aTrue2aFalse1&lt;b&gt;True|", interpreted);
        Assert.Equal(interpreted, compiled);
    }

    [Fact]
    public void A_getter_that_throws_inside_a_typed_read_raises_what_the_interpreter_raises()
    {
        const string source = "a\n{% for f in items %}\n  {{ f.value }}{% if f.value %}!{% endif %}{% endfor %}";
        var warm = Model(("items", new[] { new Fragile(false) }));
        var model = Model(("items", new[] { new Fragile(false), new Fragile(true) }));
        var (interpreted, compiled, template) = Both(source, warm, model);
        Assert.Contains("the getter failed", interpreted);
        Assert.Equal(interpreted, compiled);
        CompiledAs(template, "value", "Text on Fragile");
        var options = new TemplateEnvironmentOptions { TieredCompilation = false };
        var expected = Assert.ThrowsAny<Exception>(() => new TemplateEnvironment(options).FromString(source, "page.html").Render(model));
        var actual = Assert.ThrowsAny<Exception>(() => template.Render(model));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal((expected as TemplateException)?.Line, (actual as TemplateException)?.Line);
        Assert.Equal((expected as TemplateException)?.Column, (actual as TemplateException)?.Column);
    }

    [Fact]
    public void Dictionary_values_of_every_kind_print_the_same_on_both_tiers()
    {
        const string source = "{% for d in items %}[{{ d.v }}]{% if d.v %}t{% endif %}{% endfor %}{% autoescape false %}{% for d in items %}[{{ d.v }}]{% endfor %}{% endautoescape %}";
        var values = new object?[] { "<s>", 42L, 7, null, new Markup("<m>"), 2.5, 1.5f, true, "", 0L, 'c', (short)3 };
        var model = Model(("items", values.Select(v => (object?)new Dictionary<string, object?> { ["v"] = v }).ToList()));
        foreach (var dialect in new[] { TemplateDialect.Jinja2, TemplateDialect.Kida })
        foreach (var autoescape in new[] { true, false })
        {
            var (interpreted, compiled, _) = Both(source, model, model, new TemplateEnvironmentOptions { Autoescape = autoescape, Dialect = dialect });
            Assert.Equal(interpreted, compiled);
            Assert.Contains(autoescape ? "[&lt;s&gt;]" : "[<s>]", interpreted);
        }
    }

    [Fact]
    public void A_member_hidden_with_new_reads_the_most_derived_declaration_on_both_tiers()
    {
        const string source = "{{ a.sound }} {{ a.legs }} {{ a.Sound|upper }}";
        var bird = new Bird();
        var (interpreted, compiled, _) = Both(source, new Dictionary<string, object?> { ["a"] = bird }, new Dictionary<string, object?> { ["a"] = bird });
        Assert.Equal("tweet two TWEET", interpreted);
        Assert.Equal(interpreted, compiled);
        // The base type alone still reads its own members, and a sorted list of birds reads the derived key.
        Assert.Equal("... four", new TemplateEnvironment().FromString("{{ a.sound }} {{ a.legs }}").Render(new { a = new Animal() }));
        Assert.Equal("tweet", new TemplateEnvironment().FromString("{{ (birds|sort(attribute='sound')|first).sound }}").Render(new { birds = new[] { bird } }));
    }
}
