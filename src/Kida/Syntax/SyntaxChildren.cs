using Kida.Runtime;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;

namespace Kida.Syntax;

/// <summary>
/// The structure of the syntax tree, written out: for every node type, the nodes it directly holds (expressions,
/// statements, assignment targets, arguments, match patterns, the defaults and bodies of macro signatures), in source
/// order, each once. Static analysis (<see cref="TemplateMeta"/>, message extraction) walks the tree through here
/// instead of reading fields by reflection. A node type this switch does not know is an engine bug: it throws, and
/// SyntaxChildrenTests fails for it.
/// </summary>
internal static class SyntaxChildren
{
    /// <summary>The direct child nodes of <paramref name="node"/>, in source order.</summary>
    /// <exception cref="System.Diagnostics.UnreachableException">A node type the walker does not know.</exception>
    public static IEnumerable<Node> Of(Node node) => node switch
    {
        // ---- expressions
        ConstantExpression or NameExpression or SuperExpression => [],
        ListExpression x => x.Items,
        TupleExpression x => x.Items,
        DictExpression x => x.Keys.Zip(x.Values).SelectMany(kv => new Node[] { kv.First, kv.Second }),
        BinaryExpression x => [x.Left, x.Right],
        AddChainExpression x => x.Operands,
        ConcatExpression x => x.Parts,
        CompareExpression x => [x.First, .. x.Operands],
        AndExpression x => [x.Left, x.Right],
        OrExpression x => [x.Left, x.Right],
        NotExpression x => [x.Operand],
        UnaryExpression x => [x.Operand],
        ConditionalExpression x => Present([x.Then, x.Test, x.Otherwise]),
        CoalesceExpression x => [x.Left, x.Right],
        RangeExpression x => Present([x.Start, x.Stop, x.Step]),
        ListComprehensionExpression x => Present([x.Element, x.Target, x.Iterable, x.Condition]),
        AttributeExpression x => [x.Target],
        ItemExpression x => [x.Target, x.Key],
        SliceExpression x => Present([x.Target, x.Start, x.Stop, x.Step]),
        HasSlotExpression x => x.Arguments.All,
        CallExpression x => [x.Callee, .. x.Arguments.All],
        FilterExpression x => Present([x.Value, .. x.Arguments.All]),
        TestExpression x => [x.Value, .. x.Arguments.All],
        TransExpression x => [x.Function, .. x.Values],

        // ---- assignment targets
        NameTarget => [],
        TupleTarget x => x.Items,
        AttributeTarget x => [x.Target],

        // ---- statements
        StatementList x => x.Items,
        TextStatement or FlushStatement or LoopControlStatement => [],
        OutputStatement x => [x.Expression],
        DoStatement x => [x.Expression],
        ExpressionResultStatement x => [x.Expression],
        AutoescapeStatement x => [x.Enabled, x.Body],
        FilterBlockStatement x => [.. x.Filters, x.Body],
        SetStatement x => [x.Target, x.Value],
        SetBlockStatement x => [x.Target, .. x.Filters, x.Body],
        WithStatement x => [.. Pairs(x.Targets, x.Values), x.Body],
        // {% with a, b as x, y %}: the values, then the names.
        ConditionalWithStatement x => Present([.. x.Values, .. x.Targets, x.Body, x.Otherwise]),
        LetStatement x => [x.Target, x.Value],
        CaptureStatement x => [x.Target, .. x.Filters, x.Body],
        IfStatement x => Present([.. Pairs(x.Conditions, x.Bodies), x.Otherwise]),
        ForStatement x => Present([x.Target, x.Iterable, x.Filter, x.Body, x.Otherwise]),
        WhileStatement x => [x.Condition, x.Body],
        MatchStatement x => Present([x.Subject, .. x.Cases.SelectMany(Of)]),
        TryStatement x => Present([x.Body, x.Error, x.Fallback]),
        ScopedBodyStatement x => [x.Body],
        SpacelessStatement x => [x.Body],
        SpanStatement x => [x.Body],
        GlobalsStatement x => [x.Body],
        CacheStatement x => Present([x.Key, x.Ttl, x.Body]),
        ProvideStatement x => [.. x.Values.Select(v => v.Value), x.Body],
        PushStatement x => [x.NameExpression, x.Body],
        StackStatement x => [x.NameExpression],
        SlotStatement x => Present([.. x.Lets.SelectMany(l => new Node[] { l.Name, l.Value }), x.Fallback]),
        SlotFillStatement x => Of(x.Slot),
        BlockStatement x => Present([x.Guard, x.Body]),
        ExtendsStatement x => [x.Parent],
        IncludeStatement x => [x.NameExpression],
        ImportStatement x => [x.NameExpression, x.Alias],
        FromImportStatement x => [x.NameExpression, .. x.Names.Select(n => n.Alias)],
        EmbedStatement x => [x.NameExpression, .. x.Overrides],
        MacroStatement x => [x.Target, .. Of(x.Signature)],
        // {% call(defaults) callee(args) %}body{% endcall %}: the caller's defaults are written before the call.
        CallBlockStatement x => [.. Defaults(x.Caller), x.Call, x.Caller.Body, .. x.NamedSlots.SelectMany(Of)],

        _ => throw new System.Diagnostics.UnreachableException(
            $"SyntaxChildren does not know the node type {node.GetType().Name}; add it to the switch."),
    };

    /// <summary>A macro's (or caller's, or slot's) parameter defaults that are given, then its body.</summary>
    public static IEnumerable<Node> Of(MacroSignature signature) => [.. Defaults(signature), signature.Body];

    /// <summary>Every node under <paramref name="root"/> (itself included), parents before children, in source order.</summary>
    public static IEnumerable<Node> DescendantsAndSelf(Node root)
    {
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            foreach (var child in Of(node).Reverse()) pending.Push(child);
        }
    }

    private static IEnumerable<Node> Of(MatchCase c) =>
        Present([.. c.Patterns.SelectMany(p => new Node?[] { p.Binding, p.Value }), c.Guard, c.Body]);

    private static IEnumerable<Expression> Defaults(MacroSignature signature) => signature.Defaults.OfType<Expression>();

    /// <summary><c>a0, b0, a1, b1, …</c>, then what is left of the longer list.</summary>
    private static IEnumerable<Node> Pairs(IReadOnlyList<Node> a, IReadOnlyList<Node> b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i < a.Count) yield return a[i];
            if (i < b.Count) yield return b[i];
        }
    }

    private static IEnumerable<Node> Present(Node?[] nodes) => nodes.OfType<Node>();
}
