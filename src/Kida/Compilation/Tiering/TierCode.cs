using Kida.Runtime;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The compiled tier of one template: the compiled function for its top level and for each block body that has been
/// compiled (null: that block still runs on the interpreter; the index is the block's <c>TierIndex</c>, the order of
/// <see cref="Binder.Blocks"/>). Immutable: a compile that adds functions publishes a new one with one reference write,
/// and a render keeps the code it started with.
/// </summary>
internal sealed class TierCode(TierFunction root, TierFunction?[] blocks)
{
    /// <summary>The template's top level.</summary>
    public TierFunction Root { get; } = root;

    /// <summary>The compiled block bodies, by block index; null where a block is not compiled (yet).</summary>
    public TierFunction?[] Blocks { get; } = blocks;
}
