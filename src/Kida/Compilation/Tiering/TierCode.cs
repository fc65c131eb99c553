using Kida.Syntax;
using Kida.Syntax.Statements;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The compiled tier of one template: its top level and the body of each block it defines (in the order of
/// <see cref="Binder.Blocks"/>). Immutable; a template publishes it with one reference write.
/// </summary>
internal sealed class TierCode(Statement root, BlockStatement[] blocks, Statement[] blockBodies)
{
    public Statement Root { get; } = root;

    /// <summary>The block statements <see cref="BlockBodies"/> belong to, to check an index against its block.</summary>
    public BlockStatement[] Blocks { get; } = blocks;

    public Statement[] BlockBodies { get; } = blockBodies;
}
