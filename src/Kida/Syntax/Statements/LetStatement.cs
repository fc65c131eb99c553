using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% let x = e %}</c>, <c>{% export x = e %}</c> and <c>{% promote x = e %}</c>: assign template scope from
/// any depth (inside a def: the def call's scope). With <c>??=</c> the assignment happens only while the name is
/// undefined or None.
/// </summary>
internal sealed class LetStatement(string keyword, AssignTarget target, Expression value, bool onlyIfMissing, SourceSpan span) : Statement(span)
{
    internal Expression Value => value;

    private NameExpression? _current;

    public string Keyword { get; } = keyword;
    public AssignTarget Target { get; } = target;
    public bool OnlyIfMissing { get; } = onlyIfMissing;

    public override void Render(RenderContext ctx)
    {
        if (_current is not null && _current.Eval(ctx) is not (null or Undefined)) return;
        Target.Assign(ctx, value.Eval(ctx));
    }

    internal override void Bind(Binder binder)
    {
        value.Bind(binder);
        BindLet(Target, binder);
        if (OnlyIfMissing && Target is NameTarget n)
        {
            _current = new NameExpression(n.Name, n.Span);
            _current.Bind(binder);
        }
    }

    internal static void BindLet(AssignTarget target, Binder binder)
    {
        switch (target)
        {
            case NameTarget n: binder.BindLetStore(n); break;
            case TupleTarget t: foreach (var i in t.Items) BindLet(i, binder); break;
            default: target.Bind(binder); break;
        }
    }
}
