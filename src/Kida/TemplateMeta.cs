using Kida.Lexing;
using Kida.Parsing;
using Kida.Runtime;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;

namespace Kida;

/// <summary>
/// Static analysis of template source (Jinja2's <c>jinja2.meta</c>): which variables a template expects from its
/// caller, and which other templates it extends, includes or imports. Only parses; never loads or renders anything.
/// </summary>
/// <example>
/// <code>
/// TemplateMeta.FindUndeclaredVariables(env, "{% set foo = 42 %}{{ bar + foo }}");   // { "bar" }
/// TemplateMeta.FindReferencedTemplates(env, "{% extends 'layout.html' %}{% include helper %}");   // [ "layout.html", null ]
/// </code>
/// </example>
public static class TemplateMeta
{
    /// <summary>
    /// Every variable the template would look up from the render context (Jinja2's <c>find_undeclared_variables</c>):
    /// names read before — or without — being assigned in their scope, and names assigned in only some branches of an
    /// <c>if</c>, as Jinja2's scoping decides; the environment's globals and <c>self</c> are not reported. Every path
    /// counts, whichever the template takes at run time.
    /// </summary>
    /// <exception cref="TemplateSyntaxException">The source does not parse.</exception>
    public static ISet<string> FindUndeclaredVariables(TemplateEnvironment environment, string source)
    {
        var root = Parse(environment, source);
        var analysis = new UndeclaredAnalysis();
        analysis.Run(root);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in analysis.Resolved)
            if (name != "self" && !environment.Globals.ContainsKey(name)) result.Add(name);
        return result;
    }

    /// <summary>
    /// The templates named by <c>extends</c>, <c>include</c>, <c>import</c> and <c>from … import</c>, in source order
    /// (Jinja2's <c>find_referenced_templates</c>): a literal name as itself, each string of a literal list or tuple,
    /// and null for a name computed at run time (a variable, a concatenation, a conditional).
    /// </summary>
    /// <exception cref="TemplateSyntaxException">The source does not parse.</exception>
    public static IReadOnlyList<string?> FindReferencedTemplates(TemplateEnvironment environment, string source)
    {
        var root = Parse(environment, source);
        var result = new List<string?>();
        CollectReferences(root, result);
        return result;
    }

    private static StatementList Parse(TemplateEnvironment environment, string source)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(source);
        var options = environment.Options;
        var prepared = Lexer.PrepareSource(source, options.KeepTrailingNewline || options.Dialect == TemplateDialect.Kida);
        var tokens = Lexer.Tokenize(prepared, null, new LexerOptions { TrimBlocks = options.TrimBlocks, LstripBlocks = options.LstripBlocks });
        return new Parser(tokens, null, prepared, environment).ParseTemplate();
    }

    // ---- referenced templates -------------------------------------------------------------------------------

    private static void CollectReferences(Node node, List<string?> result)
    {
        switch (node)
        {
            case ExtendsStatement x: AddReference(x.Parent, false, result); break;
            case IncludeStatement x: AddReference(x.NameExpression, true, result); break;
            case ImportStatement x: AddReference(x.NameExpression, false, result); break;
            case FromImportStatement x: AddReference(x.NameExpression, false, result); break;
        }
        foreach (var child in SyntaxChildren.Of(node)) if (child is Statement) CollectReferences(child, result);
    }

    private static void AddReference(Expression? name, bool include, List<string?> result)
    {
        switch (name)
        {
            case ConstantExpression { Value: string s }:
                result.Add(s);
                return;
            case ConstantExpression { Value: IEnumerable<object?> items } when include:
                foreach (var item in items) if (item is string s) result.Add(s);
                return;
            case TupleExpression or ListExpression:
                foreach (var item in name.Children)
                {
                    if (item is ConstantExpression c) { if (c.Value is string s) result.Add(s); }
                    else result.Add(null);
                }
                return;
            default:
                result.Add(null);
                return;
        }
    }

    // ---- undeclared variables: Jinja2's idtracking over the Kida tree ------------------------------------------

    /// <summary>One frame's symbol table (Jinja2's <c>Symbols</c>): names it knows, names it stores.</summary>
    private sealed class Symbols(Symbols? parent)
    {
        public readonly Symbols? Parent = parent;
        public HashSet<string> Refs = new(StringComparer.Ordinal);
        public HashSet<string> Stores = new(StringComparer.Ordinal);

        public bool Find(string name) => Refs.Contains(name) || Parent is not null && Parent.Find(name);

        public Symbols Copy() => new(Parent) { Refs = new(Refs, StringComparer.Ordinal), Stores = new(Stores, StringComparer.Ordinal) };
    }

    private sealed class UndeclaredAnalysis
    {
        public readonly HashSet<string> Resolved = new(StringComparer.Ordinal);
        private readonly Queue<Action> _frames = new();

        public void Run(StatementList root)
        {
            var symbols = new Symbols(null);
            Visit(root, symbols);
            while (_frames.Count > 0) _frames.Dequeue()();
        }

        private void Load(Symbols s, string name)
        {
            if (s.Find(name)) return;
            s.Refs.Add(name);
            Resolved.Add(name);
        }

        private static void Store(Symbols s, string name)
        {
            s.Stores.Add(name);
            s.Refs.Add(name);
        }

        private static void Declare(Symbols s, string name) => Store(s, name);

        /// <summary>A nested frame is analysed once its parent's table is complete, as Jinja2's code generator does.</summary>
        private void Frame(Symbols? parent, Action<Symbols> body) => _frames.Enqueue(() => body(new Symbols(parent)));

        private void Expr(Expression? e, Symbols s)
        {
            if (e is null) return;
            if (e is NameExpression n) { Load(s, n.Name); return; }
            foreach (var c in SyntaxChildren.Of(e)) if (c is Expression ce) Expr(ce, s);
        }

        private void Target(AssignTarget t, Symbols s)
        {
            switch (t)
            {
                case NameTarget n: Store(s, n.Name); break;
                case TupleTarget tt: foreach (var i in tt.Items) Target(i, s); break;
                case AttributeTarget a: Expr(a.Target, s); break;
            }
        }

        private void Body(Statement? body, Symbols s)
        {
            if (body is not null) Visit(body, s);
        }

        private void Visit(Statement st, Symbols s)
        {
            switch (st)
            {
                case StatementList list:
                    foreach (var i in list.Items) Visit(i, s);
                    return;
                case TextStatement:
                    return;
                case SetStatement x:
                    Expr(x.Value, s);
                    Target(x.Target, s);
                    return;
                case SetBlockStatement x:
                    Target(x.Target, s);
                    Frame(s, inner =>
                    {
                        foreach (var f in x.Filters) Expr(f, inner);
                        Body(x.Body, inner);
                    });
                    return;
                case IfStatement x:
                    VisitIf(x.Conditions, x.Bodies, 0, x.Otherwise, s);
                    return;
                case ForStatement x:
                {
                    Expr(x.Iterable, s);
                    var target = x.Target;
                    Frame(s, loop =>
                    {
                        Declare(loop, "loop");
                        Target(target, loop);
                        Body(x.Body, loop);
                    });
                    if (x.Filter is { } filter)
                        Frame(s, test => { Target(target, test); Expr(filter, test); });
                    if (x.Otherwise is { } otherwise) Frame(s, e => Body(otherwise, e));
                    return;
                }
                case MacroStatement x:
                    Store(s, x.Name);
                    Frame(s, m => Macro(x.Signature, m));
                    return;
                case CallBlockStatement x:
                    Expr(x.Call, s);
                    Frame(s, m => Macro(x.Caller, m));
                    return;
                case BlockStatement x:
                    // Jinja2 compiles a block as its own function: it sees nothing of the template's assignments.
                    Frame(null, b => Body(x.Body, b));
                    return;
                case WithStatement x:
                {
                    foreach (var v in x.Values) Expr(v, s);
                    var targets = x.Targets;
                    Frame(s, w =>
                    {
                        foreach (var t in targets) Target(t, w);
                        Body(x.Body, w);
                    });
                    return;
                }
                case ScopedBodyStatement x:
                    Frame(s, inner => Body(x.Body, inner));
                    return;
                case FilterBlockStatement x:
                {
                    var filters = x.Filters;
                    foreach (var f in filters) Expr(f, s);
                    Frame(s, inner =>
                    {
                        foreach (var f in filters) Expr(f, inner);
                        Body(x.Body, inner);
                    });
                    return;
                }
                case ImportStatement x:
                    Expr(x.NameExpression, s);
                    Store(s, x.AliasName);
                    return;
                case FromImportStatement x:
                    Expr(x.NameExpression, s);
                    foreach (var a in x.AliasNames) Store(s, a);
                    return;
            }
            // Everything else (output, do, include, extends, autoescape and Kida's statements): its expressions and
            // nested statements in this frame.
            foreach (var child in SyntaxChildren.Of(st))
            {
                if (child is Expression e) Expr(e, s);
                else if (child is Statement c) Visit(c, s);
                else if (child is AssignTarget t) Target(t, s);
            }
        }

        // Jinja2's visit_If: the body, the elif chain (as one nested if) and the else each in a copy of the table;
        // a name stored in some of the three but not all is looked up from the context.
        private void VisitIf(Expression[] conditions, StatementList[] bodies, int index, StatementList? otherwise, Symbols s)
        {
            Expr(conditions[index], s);
            var original = s;
            var bodyCopy = original.Copy();
            Body(bodies[index], bodyCopy);
            var elifCopy = original.Copy();
            if (index + 1 < conditions.Length) VisitIf(conditions, bodies, index + 1, otherwise, elifCopy);
            var elseCopy = original.Copy();
            if (index + 1 >= conditions.Length && otherwise is not null) Body(otherwise, elseCopy);
            BranchUpdate(original, [bodyCopy, elifCopy, elseCopy]);
        }

        private void BranchUpdate(Symbols s, Symbols[] branches)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var b in branches)
                foreach (var name in b.Stores)
                    if (!s.Stores.Contains(name)) counts[name] = counts.GetValueOrDefault(name) + 1;
            foreach (var b in branches)
            {
                s.Refs.UnionWith(b.Refs);
                s.Stores.UnionWith(b.Stores);
            }
            foreach (var (name, count) in counts)
            {
                if (count == branches.Length) continue;
                if (s.Parent is not null && s.Parent.Find(name)) continue;
                Resolved.Add(name);
            }
        }

        private void Macro(MacroSignature sig, Symbols m)
        {
            foreach (var p in sig.Parameters) Declare(m, p);
            Declare(m, "caller");
            Declare(m, sig.VarargsName);
            Declare(m, sig.KwargsName);
            foreach (var d in sig.Defaults) Expr(d, m);
            Body(sig.Body, m);
        }
    }
}
