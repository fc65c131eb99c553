using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% provide key = expr[, key2 = expr2] %}…{% end %}</c>: the values are visible to <c>consume("key")</c>
/// for the duration of the body, across def calls, slots, includes and inheritance. Removed even when the body fails.
/// </summary>
internal sealed class ProvideStatement((string Key, Expression Value)[] values, StatementList body, SourceSpan span) : Statement(span)
{
    internal (string Key, Expression Value)[] Values => values;
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var providers = ctx.Providers ??= [];
        var mark = providers.Count;
        try
        {
            foreach (var (key, value) in values) providers.Add(new(key, value.Eval(ctx)));
            body.Render(ctx);
        }
        finally
        {
            providers.RemoveRange(mark, providers.Count - mark);
        }
    }

    internal override void Bind(Binder binder)
    {
        foreach (var (_, value) in values) value.Bind(binder);
        body.Bind(binder);
    }
}
