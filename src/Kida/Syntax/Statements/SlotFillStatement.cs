using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// Inside a <c>{% call %}</c> body, <c>{% slot name [let:a, …] %}…{% end %}</c>: supplies a named (optionally scoped)
/// slot. The parser lifts those written directly in the call body into the call; one nested deeper renders nothing.
/// </summary>
internal sealed class SlotFillStatement(MacroSignature slot, SourceSpan span) : Statement(span)
{
    public MacroSignature Slot { get; } = slot;

    public override void Render(RenderContext ctx) { }

    internal override void Bind(Binder binder) => binder.BindMacro(Slot);
}
