using Kida.Runtime.Values;
using Kida.Syntax.Statements;

namespace Kida.Runtime;

/// <summary>Jinja2's <c>self</c>: <c>self.title()</c> renders the (most derived) block <c>title</c> again.</summary>
internal sealed class TemplateReference(RenderContext ctx) : IPyAttributes, IPyObject
{
    private readonly Dictionary<string, List<BlockDefinition>> _blocks = ctx.Blocks;

    public string PyTypeName => "TemplateReference";

    public string PyStr() => $"<TemplateReference '{ctx.Template.Name}'>";

    public bool TryGetAttribute(string name, out object? value)
    {
        if (!_blocks.TryGetValue(name, out var chain)) { value = null; return false; }
        value = (TemplateFunction)(args =>
        {
            var c = args.Context ?? ctx;
            var previous = c.BeginCapture();
            string text;
            try { BlockStatement.RenderChain(c, chain, 0); }
            finally { text = c.EndCapture(previous); }
            return c.MarkSafe(text);
        });
        return true;
    }
}
