using Kida.Runtime;
using Kida.Syntax.Statements;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The compiled tier of one template: one delegate for its top level (entry -1) and the body of each block it defines
/// (entry i, in the order of <see cref="Binder.Blocks"/>). Immutable; a template publishes it with one reference write.
/// </summary>
internal sealed class TierCode(Action<RenderContext, int> code, BlockStatement[] blocks)
{
    /// <summary>Renders the function <c>entry</c> selects: -1 the top level, i the body of <see cref="Blocks"/>[i].</summary>
    public Action<RenderContext, int> Code { get; } = code;

    /// <summary>The block statements the entries belong to, to check an index against its block.</summary>
    public BlockStatement[] Blocks { get; } = blocks;
}
