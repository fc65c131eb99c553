using Kida.Compilation;
using Kida.Runtime;
using Kida.Syntax.Statements;

namespace Kida;

public sealed partial class Template
{
    private BlockStatement[] _blocks = [];

    internal StatementList Root { get; private set; } = StatementList.Empty;

    internal int RootSlotCount { get; private set; }

    /// <summary>The source after newline normalisation, which error locations refer to.</summary>
    internal string PreparedSource { get; private set; } = "";

    internal void Initialize(StatementList root, Binder binder, string preparedSource)
    {
        Root = root;
        RootSlotCount = binder.RootSlotCount;
        PreparedSource = preparedSource;
        _blocks = binder.Blocks.ToArray();
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
        foreach (var block in _blocks)
        {
            if (!ctx.Blocks.TryGetValue(block.Name, out var chain))
            {
                chain = new List<BlockDefinition>(2);
                ctx.Blocks[block.Name] = chain;
            }
            chain.Add(new BlockDefinition(this, block));
        }
    }
}
