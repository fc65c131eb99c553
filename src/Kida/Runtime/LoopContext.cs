using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>The <c>loop</c> variable: position, length, neighbours, <c>cycle()</c>, <c>changed()</c>, recursion.</summary>
/// <remarks>
/// <para>
/// Inside <c>{% for %}</c> templates read Jinja2's loop attributes: <c>loop.index</c> (from 1), <c>loop.index0</c>
/// (from 0), <c>loop.revindex</c>, <c>loop.revindex0</c>, <c>loop.first</c>, <c>loop.last</c>, <c>loop.length</c>,
/// <c>loop.depth</c>, <c>loop.depth0</c>, <c>loop.previtem</c>, <c>loop.nextitem</c> (undefined at the ends), and call
/// <c>loop.cycle("odd", "even")</c>, <c>loop.changed(value)</c> and, in a <c>recursive</c> loop, <c>loop(children)</c>.
/// </para>
/// <para>
/// Host code meets it only when a template passes <c>loop</c> to a filter or function; read the attributes above through
/// <see cref="TryGetAttribute"/>. It describes one iteration of one render and advances as the loop runs: do not keep it
/// after the call returns or use it from another thread.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // {{ loop | position }} -> "2 of 5"
/// env.AddFilter("position", (value, args) =>
/// {
///     var loop = (LoopContext)value!;
///     loop.TryGetAttribute("index", out var index);
///     return $"{index} of {loop.Length}";
/// });
/// </code>
/// </example>
public sealed class LoopContext : IPyAttributes, IPyObject, IPyCallable
{
    private readonly IReadOnlyList<object?> _items;
    private readonly Func<object?, int, object?>? _recurse;
    private object? _lastChanged = Frame.Unset;

    internal LoopContext(IReadOnlyList<object?> items, int depth0, Func<object?, int, object?>? recurse)
    {
        _items = items;
        Length = items.Count;
        Depth0 = depth0;
        _recurse = recurse;
    }

    /// <summary>What a missing <c>previtem</c>/<c>nextitem</c> behaves as (the render's undefined behaviour).</summary>
    internal UndefinedBehavior Behavior { get; init; }

    internal int Index0;

    /// <summary>How many items the loop runs over (<c>loop.length</c>), after any <c>if</c> filter of the <c>for</c> tag.</summary>
    public int Length { get; }

    /// <summary>The nesting level of a <c>recursive</c> loop, from 0 (<c>loop.depth0</c>); 0 for an ordinary loop.</summary>
    public int Depth0 { get; }

    /// <summary>The type name in messages, <c>LoopContext</c>.</summary>
    public string PyTypeName => "LoopContext";

    /// <summary>How <c>{{ loop }}</c> prints: <c>&lt;LoopContext 2/5&gt;</c> (the 1-based index and the length).</summary>
    public string PyStr() => $"<LoopContext {Index0 + 1}/{Length}>";

    /// <summary>The position attributes, resolved from their name once per <c>loop.x</c> site at compile time.</summary>
    internal enum Member : byte { None, Index, Index0, RevIndex, RevIndex0, First, Last, Length }

    internal static Member MemberOf(string name) => name switch
    {
        "index" => Member.Index,
        "index0" => Member.Index0,
        "revindex" => Member.RevIndex,
        "revindex0" => Member.RevIndex0,
        "first" => Member.First,
        "last" => Member.Last,
        "length" => Member.Length,
        _ => Member.None,
    };

    /// <summary>A position attribute without a name lookup (<paramref name="member"/> is not <see cref="Member.None"/>).</summary>
    internal object Get(Member member) => member switch
    {
        Member.Index => PyOps.Box(Index0 + 1),
        Member.Index0 => PyOps.Box(Index0),
        Member.RevIndex => PyOps.Box(Length - Index0),
        Member.RevIndex0 => PyOps.Box(Length - Index0 - 1),
        Member.First => PyOps.Box(Index0 == 0),
        Member.Last => PyOps.Box(Index0 == Length - 1),
        _ => PyOps.Box(Length),
    };

    /// <summary>Reads a loop attribute by its template name (<c>index</c>, <c>index0</c>, <c>revindex</c>, <c>revindex0</c>,
    /// <c>first</c>, <c>last</c>, <c>length</c>, <c>depth</c>, <c>depth0</c>, <c>previtem</c>, <c>nextitem</c>, <c>cycle</c>,
    /// <c>changed</c>).</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">Its current value: numbers as boxed <see cref="long"/>, flags as <see cref="bool"/>,
    /// <c>previtem</c>/<c>nextitem</c> an <see cref="Undefined"/> on the first/last iteration, <c>cycle</c> and
    /// <c>changed</c> callables; <see langword="null"/> for an unknown name.</param>
    /// <returns>Whether <paramref name="name"/> is a loop attribute.</returns>
    public bool TryGetAttribute(string name, out object? value)
    {
        if (MemberOf(name) is var member and not Member.None)
        {
            value = Get(member);
            return true;
        }
        value = name switch
        {
            "depth" => PyOps.Box(Depth0 + 1),
            "depth0" => PyOps.Box(Depth0),
            "previtem" => Index0 > 0 ? _items[Index0 - 1] : new Undefined("previtem", this, UndefinedKind.AttributeOrKey, Behavior, "there is no previous item"),
            "nextitem" => Index0 + 1 < Length ? _items[Index0 + 1] : new Undefined("nextitem", this, UndefinedKind.AttributeOrKey, Behavior, "there is no next item"),
            "cycle" => new LoopMethod(this, "cycle"),
            "changed" => new LoopMethod(this, "changed"),
            _ => Frame.Unset,
        };
        if (ReferenceEquals(value, Frame.Unset)) { value = null; return false; }
        return true;
    }

    /// <summary><c>loop(children)</c> in a <c>recursive</c> loop renders the loop body again for the children.</summary>
    public object? Call(CallArguments args)
    {
        if (_recurse is null) throw new TemplateRuntimeException("the loop is not recursive; add 'recursive' to the for tag to call loop()");
        if (args.Positional.Count != 1) throw new TemplateRuntimeException("loop() takes exactly one argument");
        return _recurse(args.Positional[0], Depth0 + 1);
    }

    private sealed class LoopMethod(LoopContext loop, string name) : IPyCallable, IPyObject
    {
        public string PyTypeName => "method";
        public string PyStr() => $"<bound method LoopContext.{name}>";

        public object? Call(CallArguments args)
        {
            if (name == "cycle")
            {
                if (args.Positional.Count == 0) throw new TemplateRuntimeException("no items for cycling given");
                return args.Positional[loop.Index0 % args.Positional.Count];
            }
            var value = args.Positional.Count == 1 ? args.Positional[0] : new PyTuple([.. args.Positional]);
            if (!ReferenceEquals(loop._lastChanged, Frame.Unset) && PyOps.Eq(loop._lastChanged, value)) return PyOps.False;
            loop._lastChanged = value;
            return PyOps.True;
        }
    }
}
