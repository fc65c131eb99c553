namespace Kida.Runtime.Globals;

// Globals that Kida syntax needs in both dialects.
internal static partial class BuiltinGlobals
{
    /// <summary>Adds <c>consume(key, default=None)</c>, the reading side of <c>{% provide %}</c>.</summary>
    public static void RegisterKidaAdditions(IDictionary<string, object?> globals)
    {
        globals["consume"] = (TemplateFunction)(a =>
        {
            var key = Values.PyFormat.Str(a.Get(0, "key"));
            var dflt = a.Get(1, "default");
            return a.Context is { } ctx && ctx.TryConsume(key, out var v) ? v : dflt;
        });
    }
}
