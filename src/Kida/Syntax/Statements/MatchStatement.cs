using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% match subject %}{% case pattern [if guard] %}…{% end %}</c>: the first case that matches renders;
/// none matching renders nothing. Without a subject, cases choose by their guards.
/// </summary>
internal sealed class MatchStatement(Expression? subject, MatchCase[] cases, SourceSpan span) : Statement(span)
{
    internal Expression? Subject => subject;

    private bool _scoped;

    public IReadOnlyList<MatchCase> Cases { get; } = cases;

    internal override IEnumerable<Statement> ChildStatements => cases.Select(c => c.Body);

    public override void Render(RenderContext ctx)
    {
        var value = subject?.Eval(ctx);
        foreach (var c in cases)
        {
            if (_scoped && c.ScopeEnd > c.ScopeStart) Array.Fill(ctx.Frame.Slots, Frame.Unset, c.ScopeStart, c.ScopeEnd - c.ScopeStart);
            if (!Matches(ctx, c, value)) continue;
            if (c.Guard is not null && !PyOps.IsTrue(c.Guard.Eval(ctx))) continue;
            c.Body.Render(ctx);
            return;
        }
    }

    private static bool Matches(RenderContext ctx, MatchCase c, object? value)
    {
        if (!c.IsSequence) return MatchOne(ctx, c.Patterns[0], value);
        if (value is not (PyTuple or List<object?>)) return false;
        var items = (IReadOnlyList<object?>)value;
        if (items.Count != c.Patterns.Length) return false;
        for (var i = 0; i < items.Count; i++)
            if (!MatchOne(ctx, c.Patterns[i], items[i])) return false;
        return true;
    }

    private static bool MatchOne(RenderContext ctx, MatchPattern p, object? value)
    {
        if (p.IsWildcard) return true;
        if (p.Binding is not null)
        {
            p.Binding.Assign(ctx, value);
            return true;
        }
        return PyOps.Eq(p.Value!.Eval(ctx), value);
    }

    internal override void Bind(Binder binder)
    {
        subject?.Bind(binder);
        _scoped = binder.KidaDialect;
        binder.ConditionalDepth++;
        foreach (var c in cases)
        {
            if (_scoped)
            {
                binder.PushScope();
                c.ScopeStart = binder.NextSlot;
                foreach (var p in c.Patterns) if (p.Binding is not null) binder.Declare(p.Binding.Name);
                binder.DeclareAssigned(c.Body);
            }
            foreach (var p in c.Patterns)
            {
                p.Value?.Bind(binder);
                p.Binding?.Bind(binder);
            }
            c.Guard?.Bind(binder);
            c.Body.Bind(binder);
            if (_scoped)
            {
                c.ScopeEnd = binder.NextSlot;
                binder.PopScope();
            }
        }
        binder.ConditionalDepth--;
    }
}
