using Kida.Runtime.Values;

namespace Kida.Runtime.Output;

/// <summary>
/// The output of a <see cref="Template.RenderNative(object?)"/> render: the values of the top-level <c>{{ }}</c>
/// tags as they are, with the literal text between them, combined at the end by <see cref="NativeConcat"/>.
/// Output captured by macros, blocks assigned with <c>set</c> and filter blocks stays text.
/// </summary>
internal sealed class NativeOutput(OutputBuffer root)
{
    private readonly List<object?> _parts = [];

    /// <summary>The render's own buffer: values printed while it is the current output are kept as values.</summary>
    public OutputBuffer Root { get; } = root;

    /// <summary>Records one <c>{{ }}</c> value, after the text written before it.</summary>
    public void Add(object? value)
    {
        TakeText();
        _parts.Add(value);
    }

    /// <summary>The values and text recorded so far, in order.</summary>
    public IReadOnlyList<object?> Parts => _parts;

    /// <summary>Moves text written since the last value into the parts.</summary>
    public void TakeText()
    {
        if (Root.Length == 0) return;
        _parts.Add(Root.ToString());
        Root.Clear();
    }

    /// <summary>The native result of everything recorded (Jinja2's <c>native_concat</c>).</summary>
    public object? Finish()
    {
        TakeText();
        return NativeConcat.Concat(_parts);
    }
}

/// <summary>Jinja2's <c>nativetypes.native_concat</c>.</summary>
internal static class NativeConcat
{
    /// <summary>
    /// Nothing: null. One part that is not a string: that value as it is. Otherwise the parts joined as Python's
    /// <c>str()</c> — or the one string — parsed as a Python literal (<see cref="PyLiteral"/>); the text itself when it
    /// is not one.
    /// </summary>
    public static object? Concat(IReadOnlyList<object?> parts)
    {
        if (parts.Count == 0) return null;
        string raw;
        if (parts.Count == 1)
        {
            switch (parts[0])
            {
                case string s: raw = s; break;
                case Markup m: return PyLiteral.TryParse(m.Value, out var mv) ? mv : m;
                default: return parts[0];
            }
        }
        else
        {
            var sb = new System.Text.StringBuilder();
            foreach (var p in parts) sb.Append(PyFormat.Str(p));
            raw = sb.ToString();
        }
        return PyLiteral.TryParse(raw, out var value) ? value : raw;
    }
}
