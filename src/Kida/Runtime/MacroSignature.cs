using Kida.Syntax;

namespace Kida.Runtime;

/// <summary>A macro's (or caller body's) parameters, body and frame layout, fixed at compile time.</summary>
internal sealed class MacroSignature
{
    internal MacroSignature(string name, string[] parameters, Expression?[] defaults, Statement body)
    {
        Name = name;
        Parameters = parameters;
        Defaults = defaults;
        Body = body;
    }

    public string Name { get; }
    public string[] Parameters { get; }

    /// <summary>Kida's parameter type annotations as written (<c>str | None</c>), null where none was given. Metadata only: never checked.</summary>
    public string?[] Annotations { get; internal init; } = [];

    /// <summary>The name of the extra-positional tuple: Kida's <c>*name</c>, else Jinja2's implicit <c>varargs</c>.</summary>
    public string VarargsName { get; internal init; } = "varargs";

    /// <summary>The name of the extra-keyword dict: Kida's <c>**name</c>, else Jinja2's implicit <c>kwargs</c>.</summary>
    public string KwargsName { get; internal init; } = "kwargs";

    internal bool ExplicitVarargs => VarargsName != "varargs";
    internal bool ExplicitKwargs => KwargsName != "kwargs";

    /// <summary>Whether this is the body of a <c>{% call %}</c> (or a named slot of one) rather than a def/macro.</summary>
    public bool IsCallerBody { get; internal init; }

    /// <summary>Whether this is a Kida <c>{% region %}</c>: a callable that <c>Template.RenderBlock</c> can also render.</summary>
    public bool IsRegion { get; internal init; }
    internal Expression?[] Defaults { get; }
    internal Statement Body { get; }

    internal int[] ParameterSlots = [];
    internal int SlotCount;
    internal int CallerSlot = -1;
    internal int VarargsSlot = -1;
    internal int KwargsSlot = -1;
}
