using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>
/// What a <c>{% call %}</c> hands to the def as <c>caller</c>: the default slot (the call body) and the named slots
/// (<c>{% slot name %}…{% end %}</c> inside it). Calling it renders the default slot, or <c>caller("name")</c> a named one.
/// </summary>
internal sealed class CallerSlots : IPyCallable, IPyObject, IPyAttributes
{
    private readonly Macro _default;
    private readonly Dictionary<string, Macro> _named;

    internal CallerSlots(Macro defaultSlot, Dictionary<string, Macro> named)
    {
        _default = defaultSlot;
        _named = named;
    }

    public string PyTypeName => "Macro";

    public string PyStr() => "<Macro 'caller'>";

    /// <summary>Whether the call supplied this slot (<c>default</c> always exists under a call).</summary>
    public bool Has(string name) => name == "default" || _named.ContainsKey(name);

    public bool TryGetAttribute(string name, out object? value) => _default.TryGetAttribute(name, out value);

    public object? Call(CallArguments args)
    {
        if (args.Positional.Count == 1 && args.Named.Count == 0 && args.Positional[0] is string slot && _default.Signature.Parameters.Length == 0)
            return RenderSlot(slot, [], args.Context) ?? "";
        return _default.Call(args);
    }

    /// <summary>Renders a slot with the def's <c>let:</c> values; null when the call did not supply it.</summary>
    internal object? RenderSlot(string name, KeyValuePair<string, object?>[] lets, RenderContext? ctx)
    {
        var macro = name == "default" ? _default : _named.GetValueOrDefault(name);
        if (macro is null) return null;
        var sig = macro.Signature;
        var accepted = sig.KwargsSlot >= 0 ? lets : lets.Where(l => Array.IndexOf(sig.Parameters, l.Key) >= 0).ToArray();
        return macro.Call(new CallArguments([], accepted, ctx));
    }
}
