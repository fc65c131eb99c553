using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Syntax;

namespace Kida.Compilation.Tiering;

/// <summary>
/// A statement list compiled to a delegate: renders what <see cref="Source"/> renders, by other code. A template's
/// functions share one delegate; <paramref name="entry"/> selects this one (-1: the top level; i: block i).
/// </summary>
internal sealed class CompiledBody(Action<RenderContext, int> code, int entry, Statement source) : Statement(source.Span)
{
    /// <summary>The interpreted statement list this body was compiled from.</summary>
    public Statement Source { get; } = source;

    internal override IEnumerable<Statement> ChildStatements => Source.ChildStatements;

    public override void Render(RenderContext ctx) => code(ctx, entry);

    internal override void Bind(Binder binder) => throw new InvalidOperationException("a compiled body is never bound");
}
