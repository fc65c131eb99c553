using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Kida.Compilation;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;
using Kida.Tests.Conformance;
using Kida.Tests.Language;

namespace Kida.Tests.Engine;

/// <summary>
/// <see cref="SyntaxChildren"/> is the explicit structure of the syntax tree that TemplateMeta and ExtractTranslations
/// walk. Completeness is checked against reflection (fine here, as the oracle): for every node of every template of the
/// conformance corpus and the language guide, the explicit children are exactly the nodes its fields hold.
/// </summary>
public class SyntaxChildrenTests
{
    /// <summary>Node-valued fields that are links the binder adds, not syntax (a name's fallback read of an outer slot).</summary>
    private static readonly HashSet<(Type, string)> BinderLinks = [(typeof(NameExpression), nameof(NameExpression.Fallback))];

    private static readonly Assembly Engine = typeof(Node).Assembly;

    /// <summary>Kida templates covering the constructs the corpus and the guide may not (every statement and expression).</summary>
    private static readonly string[] KidaExtras =
    [
        "{% let a, b = 1, 2 %}{% export c = a %}{% promote d ??= b %}{{ a ?? b }}{{ x?.y?[0] }}{{ v ?| upper }}",
        "{% capture x | upper | trim %}hi {{ n }}{% end %}{% spaceless %} <p> {{ x }} </p> {% end %}",
        "{% match v %}{% case 1, y if y > 0 %}a{% case _ %}b{% case z %}{{ z }}{% end %}{% match %}{% case _ if q %}c{% end %}",
        "{% try %}{{ 1 / 0 }}{% fallback err %}{{ err.message }}{% end %}{% try %}x{% fallback %}y{% end %}",
        "{% while i < 3 %}{% let i = i + 1 %}{% if i == 2 %}{% continue %}{% end %}{% break %}{% end %}",
        "{% cache 'k', ttl='5m' %}{{ now }}{% end %}{% cache key %}z{% end %}{% provide theme = 'dark', size = 2 %}{{ consume('theme') }}{% end %}",
        "{% push 'js' %}<script>{{ s }}</script>{% end %}{% stack 'js' %}{% flush %}{% globals %}{% let g = 1 %}{% end %}",
        "{% with user.name, count as n, m %}{{ n }}{% else %}none{% end %}{% with it_value %}{{ it }}{% end %}",
        "{% def card(title, *items, size=2, **rest) %}{% slot header let:t=title %}<b>{{ t }}</b>{% end %}{% slot %}{{ has_slot('header') }}{% end %}{% def inner(z=title|upper) %}{{ z }}{% end %}",
        "{% call(u=1) card('T', 1, size=3) %}body {{ u }}{% slot header let:t %}H{{ t }}{% end %}{% end %}",
        "{% call card('T') %}{% if deep %}{% slot header %}nested one deeper{% end %}{% end %}{% end %}",
        "{% region sidebar(items=[1, 2]) %}{% for i in items if i > 0 %}{{ i }}{% else %}empty{% end %}{% end %}",
        "{% block content if show %}{{ super() }}{% end %}{% fragment f %}F{% end %}{% embed 'card.html' %}{% block title %}T{% end %}{% end %}",
        "{{ [x * 2 for x in 1..5 if x is odd] }}{{ 1...10 by 2 }}{{ {'a': 1, b: c}[k] }}{{ s[1:-1:2] }}{{ not a and -b or +c }}",
        "{{ a if b else c }}{{ a if b }}{{ 'x' ~ y ~ z }}{{ 1 < a <= 3 }}{{ a in b }}{{ a not in b }}{{ f(a, k=b) }}{{ x | default(1, true) }}",
        "{% import 'forms.html' as forms %}{% from 'forms.html' import input, label as lbl %}{% include ['a.html', b] ignore missing %}",
    ];

    /// <summary>Jinja2 templates covering its statements (and i18n) in the Jinja2 dialect.</summary>
    private static readonly string[] JinjaExtras =
    [
        "{% extends layout %}{% block b scoped required %}{% endblock %}",
        "{% set ns = namespace(a=1) %}{% set ns.a = 2 %}{% set x %}{{ y }}{% endset %}{% set z | upper %}t{% endset %}",
        "{% for k, (a, b) in items|dictsort recursive %}{{ loop(k) }}{% endfor %}{% do xs.append(1) %}",
        "{% with a = 1, b = a %}{{ b }}{% endwith %}{% filter upper|replace('A', 'B') %}x{% endfilter %}{% autoescape false %}{{ h }}{% endautoescape %}",
        "{% if a %}1{% elif b %}2{% elif c %}3{% else %}4{% endif %}{% macro m(a, b=[1, 2]) %}{{ caller(a) }}{{ varargs }}{% endmacro %}",
        "{% call(x) m(1) %}{{ x }}{% endcall %}{{ 'x' is defined }}{{ v is divisibleby(3) }}{{ x is not none }}",
        "{% trans count=n, user=u %}{{ count }} item of {{ user }}{% pluralize %}{{ count }} items{% endtrans %}{{ _('Hello') }}{{ ngettext('a', 'b', n) }}",
        "{% trans %}Plain {{ name }}{% endtrans %}{% trans trimmed %}  spaced  {% endtrans %}{{ pgettext('ctx', 'm') }}{{ gettext(v, 'lit', k=1) }}",
    ];

    public static IEnumerable<(string Id, TemplateEnvironment Environment, string Source)> Sources()
    {
        foreach (var c in ConformanceCorpus.Cases)
        {
            TemplateEnvironment env;
            try { env = c.CreateEnvironment(); }
            catch (ArgumentException) { continue; } // a case whose environment settings are refused
            foreach (var (name, source) in c.Templates) yield return ($"{c.Id}/{name}", env, source);
        }
        var kida = new TemplateEnvironment(new TemplateEnvironmentOptions { Dialect = TemplateDialect.Kida, Autoescape = true });
        foreach (var e in LanguageDocTests.Examples())
        {
            yield return ($"LANGUAGE.md #{e.Number}", kida, e.Template);
            foreach (var (name, source) in e.Templates) yield return ($"LANGUAGE.md #{e.Number}/{name}", kida, source);
        }
        for (var i = 0; i < KidaExtras.Length; i++) yield return ($"kida extra {i}", kida, KidaExtras[i]);
        var jinja = new TemplateEnvironment();
        for (var i = 0; i < JinjaExtras.Length; i++) yield return ($"jinja extra {i}", jinja, JinjaExtras[i]);
        var spans = new TemplateEnvironment(new TemplateEnvironmentOptions { SpanTags = ["generation"] });
        yield return ("span tag", spans, "{% for m in ms %}{% generation %}{{ m }}{% set x = 1 %}{% endgeneration %}{% endfor %}");
    }

    private static StatementList? Compile(TemplateEnvironment env, string source)
    {
        try { return TemplateCompiler.Compile(env, source, null, null).Root; }
        catch (TemplateException) { return null; } // the corpus's syntax-error cases
    }

    private static IEnumerable<StatementList> Roots()
    {
        foreach (var (_, env, source) in Sources())
            if (Compile(env, source) is { } root) yield return root;
        // compile_expression's tree.
        yield return Kida.Compilation.ExpressionCompiler.Compile(new TemplateEnvironment(), "a.b(1)[c] | default(2)").Root;
    }

    [Fact]
    public void Explicit_children_are_the_nodes_each_node_holds()
    {
        var failures = new List<string>();
        var nodes = 0;
        foreach (var (id, env, source) in Sources())
        {
            if (Compile(env, source) is not { } root) continue;
            foreach (var node in SyntaxChildren.DescendantsAndSelf(root))
            {
                nodes++;
                var explicitChildren = SyntaxChildren.Of(node).ToList();
                var reflected = ReflectedChildren(node);
                if (!SameNodes(explicitChildren, reflected))
                    failures.Add($"{id}: {node.GetType().Name} at {node.Span.Line}:{node.Span.Column}: explicit [{Names(explicitChildren)}], fields [{Names(reflected)}]");
            }
        }
        Assert.True(nodes > 10_000, $"only {nodes} nodes checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(30)));
    }

    [Fact]
    public void Every_concrete_node_type_is_reached_by_the_checked_templates()
    {
        var reached = Roots().SelectMany(SyntaxChildren.DescendantsAndSelf).Select(n => n.GetType()).ToHashSet();
        var missing = ConcreteNodeTypes().Where(t => !reached.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "not covered by any template: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_concrete_node_type_is_handled_by_the_walker()
    {
        var types = ConcreteNodeTypes().ToList();
        Assert.True(types.Count >= 60, $"only {types.Count} node types found");
        foreach (var type in types)
        {
            // An uninitialised node has null fields, so an arm may fail on them; only the fall-through arm is a miss.
            var node = (Node)RuntimeHelpers.GetUninitializedObject(type);
            var error = Record.Exception(() => SyntaxChildren.Of(node).ToList());
            Assert.False(error is System.Diagnostics.UnreachableException, $"{type.Name} is not handled by SyntaxChildren.Of: {error?.Message}");
        }
    }

    [Fact]
    public void A_node_type_the_walker_does_not_know_is_refused()
    {
        var error = Assert.Throws<System.Diagnostics.UnreachableException>(() => SyntaxChildren.Of(new UnknownNode()).ToList());
        Assert.Contains(nameof(UnknownNode), error.Message);
    }

    [Fact]
    public void The_extra_templates_parse()
    {
        var broken = Sources().Where(s => s.Id.Contains(" extra ", StringComparison.Ordinal) && Compile(s.Environment, s.Source) is null).Select(s => s.Id).ToList();
        Assert.True(broken.Count == 0, "do not parse: " + string.Join(", ", broken));
    }

    [Fact]
    public void Undeclared_variables_include_names_read_in_match_cases()
    {
        // The reflection walk never looked inside match cases (records, not nodes); the explicit walker does. A case's
        // binding is assigned by the match, so it is not reported.
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Dialect = TemplateDialect.Kida });
        var names = TemplateMeta.FindUndeclaredVariables(env,
            "{% match %}{% case _ if user.admin %}{{ name }}{% end %}{% match v %}{% case 1 %}{{ one }}{% case z %}{{ z }}{% end %}");
        Assert.Equal(["name", "one", "user", "v"], names);
    }

    [Fact]
    public void Children_come_in_source_order()
    {
        var env = new TemplateEnvironment();
        var root = Compile(env, "{% for k in items if k %}{{ k }}{% else %}e{% endfor %}{% if a %}1{% elif b %}2{% else %}3{% endif %}")!;
        var forLoop = (ForStatement)root.Items[0];
        Assert.Equal(["k", "items", "k"], SyntaxChildren.Of(forLoop).Take(3).Select(Describe));
        Assert.Equal([forLoop.Body, forLoop.Otherwise!], SyntaxChildren.Of(forLoop).Skip(3));
        var branches = SyntaxChildren.Of(root.Items[1]).ToList();
        Assert.Equal(5, branches.Count);
        Assert.Equal(["a", "StatementList", "b", "StatementList", "StatementList"], branches.Select(Describe));

        var kida = new TemplateEnvironment(new TemplateEnvironmentOptions { Dialect = TemplateDialect.Kida });
        var expr = ((OutputStatement)Compile(kida, "{{ x if y else z }}")!.Items[0]).Expression;
        Assert.Equal(["x", "y", "z"], SyntaxChildren.Of(expr).Select(Describe));
        var dict = ((OutputStatement)Compile(kida, "{{ {a: b, c: d} }}")!.Items[0]).Expression;
        Assert.Equal(["a", "b", "c", "d"], SyntaxChildren.Of(dict).Select(Describe));
    }

    private static string Describe(Node n) => n switch
    {
        NameExpression x => x.Name,
        NameTarget x => x.Name,
        _ => n.GetType().Name,
    };

    private sealed class UnknownNode() : Node(Diagnostics.SourceSpan.None)
    {
        internal override void Bind(Kida.Compilation.Binder binder) { }
    }

    private static IEnumerable<Type> ConcreteNodeTypes() =>
        Engine.GetTypes().Where(t => typeof(Node).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static string Names(IEnumerable<Node> nodes) => string.Join(", ", nodes.Select(n => n.GetType().Name));

    private static bool SameNodes(List<Node> a, List<Node> b)
    {
        if (a.Count != b.Count) return false;
        var remaining = new List<Node>(b);
        foreach (var n in a)
        {
            var i = remaining.FindIndex(r => ReferenceEquals(r, n));
            if (i < 0) return false;
            remaining.RemoveAt(i);
        }
        return true;
    }

    // ---- the oracle: every node a node's fields hold, by reflection ------------------------------------------------

    private static List<Node> ReflectedChildren(Node node)
    {
        var result = new List<Node>();
        // A constructor parameter kept both as a property and captured by methods is two fields holding one value.
        var held = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var (type, field) in InstanceFields(node.GetType()))
        {
            if (BinderLinks.Contains((type, field.Name))) continue;
            if (field.GetValue(node) is { } value && held.Add(value)) Collect(value, result, depth: 0);
        }
        return result;
    }

    /// <summary>Instance fields declared on the type and its bases, skipping caches (names starting with <c>_</c>).</summary>
    private static IEnumerable<(Type, FieldInfo)> InstanceFields(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!f.Name.StartsWith('_')) yield return (t, f);
    }

    private static void Collect(object? value, List<Node> result, int depth)
    {
        if (depth > 8) throw new InvalidOperationException("oracle recursion too deep: a cycle outside the syntax nodes?");
        switch (value)
        {
            case null or string or Delegate or Regex:
                return;
            case Node n:
                result.Add(n);
                return;
            case ITuple tuple:
                for (var i = 0; i < tuple.Length; i++) Collect(tuple[i], result, depth + 1);
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum) return;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            Collect(type.GetProperty("Value")!.GetValue(value), result, depth + 1);
            return;
        }
        if (value is IEnumerable items)
        {
            foreach (var item in items) Collect(item, result, depth + 1);
            return;
        }
        // Holders of nodes that are not nodes themselves: macro signatures, arguments, match cases and patterns.
        if (type.Assembly != Engine) return;
        foreach (var (_, field) in InstanceFields(type)) Collect(field.GetValue(value), result, depth + 1);
    }
}
