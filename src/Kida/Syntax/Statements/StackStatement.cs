using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% stack "name" %}</c>: writes everything pushed onto the stack during the whole render, including pushes
/// that come later in the template (§10.3: Kida 0.12 loses those). The text is filled in when the render completes.
/// </summary>
internal sealed class StackStatement(Expression name, SourceSpan span) : Statement(span)
{
    internal Expression NameExpression => name;

    public override void Render(RenderContext ctx)
    {
        ctx.UsesStacks = true;
        ctx.Output.Write(RenderContext.StackMarker(PyFormat.Str(name.Eval(ctx))));
    }

    internal override void Bind(Binder binder) => name.Bind(binder);
}
