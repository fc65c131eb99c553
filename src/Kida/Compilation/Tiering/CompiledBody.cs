using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Syntax;

namespace Kida.Compilation.Tiering;

/// <summary>A statement list compiled to a delegate: renders what <see cref="Source"/> renders, by other code.</summary>
internal sealed class CompiledBody(Action<RenderContext> code, Statement source) : Statement(source.Span)
{
    /// <summary>The interpreted statement list this body was compiled from.</summary>
    public Statement Source { get; } = source;

    internal override IEnumerable<Statement> ChildStatements => Source.ChildStatements;

    public override void Render(RenderContext ctx) => code(ctx);

    internal override void Bind(Binder binder) => throw new InvalidOperationException("a compiled body is never bound");
}
