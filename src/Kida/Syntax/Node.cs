using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax;

/// <summary>
/// A node of the template tree. The parser builds it, the <see cref="Binder"/> resolves its names to frame slots
/// and binds filters and tests to delegates, once; after that the tree is immutable and renders directly.
/// </summary>
internal abstract class Node
{
    protected Node(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }

    internal abstract void Bind(Binder binder);
}

/// <summary>Something that evaluates to a value.</summary>
internal abstract class Expression : Node
{
    protected Expression(SourceSpan span) : base(span) { }

    public abstract object? Eval(RenderContext ctx);

    /// <summary>True for literals whose value is known at compile time.</summary>
    public virtual bool IsConstant => false;

    /// <summary>The direct child expressions (for static analysis).</summary>
    internal virtual IEnumerable<Expression> Children => [];

    /// <summary>Height of the expression tree under this node once the parser has measured it; 0 before.</summary>
    internal int TreeHeight;
}

/// <summary>Something that renders output or changes state.</summary>
internal abstract class Statement : Node
{
    protected Statement(SourceSpan span) : base(span) { }

    public abstract void Render(RenderContext ctx);

    /// <summary>Direct child statements, for static analysis (blocks, macros, includes).</summary>
    internal virtual IEnumerable<Statement> ChildStatements => [];
}
