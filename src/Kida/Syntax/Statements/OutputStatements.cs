using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>Literal template text.</summary>
internal sealed class TextStatement(string text, SourceSpan span) : Statement(span)
{
    public string Text { get; } = text;

    public override void Render(RenderContext ctx) => ctx.Output.Write(Text);

    internal override void Bind(Binder binder) { }
}

/// <summary><c>{{ expression }}</c>.</summary>
internal sealed class OutputStatement(Expression expression, SourceSpan span) : Statement(span)
{
    public Expression Expression { get; } = expression;

    // Set when the expression is the builtin upper/lower applied to a value: an ASCII string is then case-mapped
    // straight into the output instead of into a new string first.
    private Expressions.FilterExpression? _caseFilter;
    private bool _upper;

    // Set when the expression is the builtin round with a constant precision (`price|round(2)`): a float is then
    // rounded and written without boxing the result or evaluating the arguments — the common case on price lists.
    private Expressions.FilterExpression? _roundFilter;
    private int _roundPrecision;

    // Set when the expression is an attribute read (`row.name`, the most common output), which then prints itself:
    // a typed model's numbers are written without boxing (AttributeExpression.Write).
    private Expressions.AttributeExpression? _attribute;

    // Set when the expression is a `+` chain (`'<|' + role + '|>'`), which then prints its strings one by one instead of
    // joining them first (AddChainExpression.Write).
    private Expressions.AddChainExpression? _chain;

    /// <summary>The attribute read this statement prints through <see cref="Expressions.AttributeExpression.Write"/>; null when it takes another path.</summary>
    internal Expressions.AttributeExpression? PrintedAttribute => _attribute;

    /// <summary>True when nothing but <c>WriteValue(Eval)</c> happens outside native output: no finalize and no filter fast path.</summary>
    internal bool PrintsPlainValue => _finalize is null && _attribute is null && _caseFilter is null && _roundFilter is null && _chain is null;

    // The environment's finalize callback; when set, the fast paths above are off.
    private Func<object?, object?>? _finalize;

    public override void Render(RenderContext ctx)
    {
        if (ctx.Native is { } native && ReferenceEquals(ctx.Output, native.Root))
        {
            var raw = Expression.Eval(ctx);
            if (_finalize is not null) raw = _finalize(raw);
            // Jinja2 compiles constant output to its text, which joins the template text around it.
            if (Expression.IsConstant) ctx.Output.Write(Runtime.Values.PyFormat.Str(raw));
            else native.Add(raw);
            return;
        }
        if (_attribute is { } attribute)
        {
            attribute.Write(ctx);
            return;
        }
        if (_chain is { } chain)
        {
            chain.Write(ctx);
            return;
        }
        if (_roundFilter is { } round)
        {
            var value = round.Value!.Eval(ctx);
            if (value is double d) ctx.Output.WriteFloat(Runtime.Values.PyNumberFormat.Round(d, _roundPrecision));
            else ctx.Output.WriteValue(round.Apply(ctx, value), ctx.Autoescape);
            return;
        }
        if (_caseFilter is { } filter)
        {
            var value = filter.Value!.Eval(ctx);
            if (value is string s && ctx.Output.TryWriteAsciiCased(s, _upper, ctx.Autoescape)) return;
            ctx.Output.WriteValue(filter.Apply(ctx, value), ctx.Autoescape);
            return;
        }
        var v = Expression.Eval(ctx);
        if (_finalize is not null)
        {
            if (ctx.Autoescape && Expression.IsConstant)
            {
                // Jinja2 folds a constant at compile time: escaped first, then finalized, then printed as it is.
                ctx.Output.Write(Runtime.Values.PyFormat.Str(_finalize(Runtime.Output.HtmlEscaper.EscapeValue(v))));
                return;
            }
            v = _finalize(v);
        }
        ctx.Output.WriteValue(v, ctx.Autoescape);
    }

    internal override void Bind(Binder binder)
    {
        Expression.Bind(binder);
        _finalize = binder.Environment.Options.Finalize;
        if (_finalize is not null) return;
        _attribute = Expression as Expressions.AttributeExpression;
        _chain = Expression as Expressions.AddChainExpression;
        if (Expression is Expressions.FilterExpression { Name: "upper" or "lower", NullSafe: false, Value: not null } f
            && f.Arguments.IsEmpty && f.IsBuiltin(binder))
        {
            _caseFilter = f;
            _upper = f.Name == "upper";
        }
        if (Expression is Expressions.FilterExpression { Name: "round", NullSafe: false, Value: not null } r
            && r.Arguments.Named.Length == 0 && !r.Arguments.HasSpread && r.Arguments.Positional.Length <= 1 && r.IsBuiltin(binder)
            && (r.Arguments.Positional.Length == 0 || r.Arguments.Positional[0] is Expressions.ConstantExpression { Value: long and >= -308 and <= 308 }))
        {
            _roundFilter = r;
            _roundPrecision = r.Arguments.Positional.Length == 0 ? 0 : (int)(long)((Expressions.ConstantExpression)r.Arguments.Positional[0]).Value!;
        }
    }
}

/// <summary><c>{% do expression %}</c>: evaluates for its side effects.</summary>
internal sealed class DoStatement(Expression expression, SourceSpan span) : Statement(span)
{
    internal Expression Expression => expression;

    public override void Render(RenderContext ctx) => expression.Eval(ctx);

    internal override void Bind(Binder binder) => expression.Bind(binder);
}

/// <summary><c>{% break %}</c> or <c>{% continue %}</c>.</summary>
internal sealed class LoopControlStatement(bool isBreak, SourceSpan span) : Statement(span)
{
    public override void Render(RenderContext ctx) => ctx.Control = isBreak ? LoopControl.Break : LoopControl.Continue;

    // The parser already refuses break/continue outside a loop.
    internal override void Bind(Binder binder) { }
}

/// <summary><c>{% autoescape expr %}…{% endautoescape %}</c>: switches escaping for the body.</summary>
internal sealed class AutoescapeStatement(Expression enabled, StatementList body, SourceSpan span) : Statement(span)
{
    internal Expression Enabled => enabled;
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var saved = ctx.Autoescape;
        ctx.Autoescape = Runtime.Values.PyOps.IsTrue(enabled.Eval(ctx));
        try { body.Render(ctx); }
        finally { ctx.Autoescape = saved; }
    }

    internal override void Bind(Binder binder)
    {
        enabled.Bind(binder);
        body.Bind(binder);
    }
}

/// <summary><c>{% filter f|g %}…{% endfilter %}</c>: renders the body and filters the text.</summary>
internal sealed class FilterBlockStatement(Expressions.FilterExpression[] filters, StatementList body, SourceSpan span) : Statement(span)
{
    internal Expressions.FilterExpression[] Filters => filters;
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var value = ctx.RenderFiltered(body, filters);
        ctx.Output.WriteValue(value, ctx.Autoescape);
    }

    internal override void Bind(Binder binder)
    {
        body.Bind(binder);
        foreach (var f in filters) f.Bind(binder);
    }
}
