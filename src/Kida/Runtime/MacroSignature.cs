using Kida.Syntax;

namespace Kida.Runtime;

/// <summary>A macro's (or caller body's) parameters, body and frame layout, fixed at compile time.</summary>
public sealed class MacroSignature
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
    internal Expression?[] Defaults { get; }
    internal Statement Body { get; }

    internal int[] ParameterSlots = [];
    internal int SlotCount;
    internal int CallerSlot = -1;
    internal int VarargsSlot = -1;
    internal int KwargsSlot = -1;
}
