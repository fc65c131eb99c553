using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>Kida's <c>{% push "name" %}…{% end %}</c>: renders the body onto a named stack instead of the output.</summary>
internal sealed class PushStatement(Expression name, StatementList body, SourceSpan span) : Statement(span)
{
    internal Expression NameExpression => name;
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var key = PyFormat.Str(name.Eval(ctx));
        var previous = ctx.BeginCapture();
        string text;
        try { body.Render(ctx); }
        finally { text = ctx.EndCapture(previous); }
        var stacks = ctx.Stacks ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!stacks.TryGetValue(key, out var list)) stacks[key] = list = [];
        list.Add(text);
    }

    internal override void Bind(Binder binder)
    {
        name.Bind(binder);
        body.Bind(binder);
    }
}
