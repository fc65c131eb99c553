using System.Diagnostics.CodeAnalysis;
using Kida.Runtime.Members;

namespace Kida;

// The dictionary-typed twins of the partial and chunked render methods. The object-typed ones read arbitrary models by
// reflection and carry [RequiresUnreferencedCode]; these read only dictionaries, so a trimmed or Native AOT application
// that renders dictionaries gets no warning. Overload resolution picks these for dictionaries and for null.
public sealed partial class Template
{
    /// <summary>
    /// Renders one block, fragment or region with a dictionary of variables (null for none); see
    /// <see cref="RenderBlock(string, object?)"/>. Safe under trimming and Native AOT.
    /// </summary>
    /// <exception cref="TemplateRuntimeException">No block, fragment or region has that name.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimNotes.DictionaryContext)]
    public string RenderBlock(string blockName, IReadOnlyDictionary<string, object?>? context) => RenderBlock(blockName, (object?)context);

    /// <summary>Renders one block, fragment or region with no variables; see <see cref="RenderBlock(string, object?)"/>.</summary>
    /// <exception cref="TemplateRuntimeException">No block, fragment or region has that name.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimNotes.DictionaryContext)]
    public string RenderBlock(string blockName) => RenderBlock(blockName, (object?)null);

    /// <summary>
    /// Renders a dictionary of variables (null for none) in chunks cut at each top-level <c>{% flush %}</c>; see
    /// <see cref="RenderStream(object?)"/>. Safe under trimming and Native AOT.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimNotes.DictionaryContext)]
    public IEnumerable<string> RenderStream(IReadOnlyDictionary<string, object?>? context) => RenderStream((object?)context);

    /// <summary>Renders with no variables in chunks cut at each top-level <c>{% flush %}</c>; see <see cref="RenderStream(object?)"/>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimNotes.DictionaryContext)]
    public IEnumerable<string> RenderStream() => RenderStream((object?)null);
}
