using Kida.Compilation;
using Kida.Runtime;
using Kida.Syntax.Statements;

namespace Kida;

public sealed partial class Template
{
    // One definition per block, made at compile time: registering blocks allocates no definitions per render.
    private BlockDefinition[] _blocks = [];

    internal StatementList Root { get; private set; } = StatementList.Empty;

    internal int RootSlotCount { get; private set; }

    /// <summary>The source after newline normalisation, which error locations refer to.</summary>
    internal string PreparedSource { get; private set; } = "";

    internal void Initialize(StatementList root, Binder binder, string preparedSource)
    {
        Root = root;
        RootSlotCount = binder.RootSlotCount;
        PreparedSource = preparedSource;
        _blocks = binder.Blocks.Select(b => new BlockDefinition(this, b)).ToArray();
        Parent = binder.Parent;
        BlockNames = binder.Blocks.Select(b => b.Name).ToArray();
        MacroNames = binder.MacroNames.ToArray();
        Includes = binder.Includes.ToArray();
        RegionNames = binder.Regions.Select(r => r.Name).ToArray();
        Warnings = binder.Warnings.ToArray();
    }

    /// <summary>Legal constructs that are probably mistakes (K-WARN-001, K-WARN-002), found while compiling.</summary>
    public IReadOnlyList<TemplateWarning> Warnings { get; private set; } = [];

    /// <summary>Names of the Kida <c>{% region %}</c>s this template defines at top level, in source order.</summary>
    public IReadOnlyList<string> RegionNames { get; private set; } = [];

    /// <summary>Adds this template's blocks to the end of the render's block chains (children register first).</summary>
    internal void RegisterBlocks(RenderContext ctx)
    {
        if (_blocks.Length == 0) return;
        var blocks = ctx.Blocks;
        foreach (var definition in _blocks)
        {
            // One lookup for "find or add" (a layout chain registers about ten blocks per render).
            ref var chain = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(blocks, definition.Block.Name, out _);
            (chain ??= ctx.NewBlockChain()).Add(definition);
        }
    }
}
