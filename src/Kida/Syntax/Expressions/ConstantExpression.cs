using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Expressions;

/// <summary>A literal: string, number, True/False/None.</summary>
internal sealed class ConstantExpression(object? value, SourceSpan span) : Expression(span)
{
    public object? Value { get; } = value;

    public override bool IsConstant => true;

    public override object? Eval(RenderContext ctx) => Value;

    internal override void Bind(Binder binder) { }
}
