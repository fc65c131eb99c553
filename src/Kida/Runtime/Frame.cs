namespace Kida.Runtime;

/// <summary>
/// The local variables of one running function (template body, block, macro call, caller body) as slots the
/// compiler numbered. <see cref="Parent"/> is the frame a macro or caller body closes over.
/// </summary>
internal sealed class Frame
{
    /// <summary>Marks a slot whose variable has not been assigned yet in this scope.</summary>
    public static readonly object Unset = new UnsetMarker();

    /// <summary>A frame without slots; shareable because it has nothing to write.</summary>
    public static readonly Frame Empty = new(0, null);

    public readonly object?[] Slots;
    public readonly Frame? Parent;

    /// <summary>A frame for a function with <paramref name="size"/> locals; the shared empty one when it has none.</summary>
    public static Frame For(int size, Frame? parent) => size == 0 && parent is null ? Empty : new Frame(size, parent);

    public Frame(int size, Frame? parent)
    {
        Slots = size == 0 ? Array.Empty<object?>() : new object?[size];
        if (size > 0) Array.Fill(Slots, Unset);
        Parent = parent;
    }

    private sealed class UnsetMarker
    {
        public override string ToString() => "<unset>";
    }
}
