using System.Collections;
using System.Numerics;
using Kida.Runtime.Filters;
using Kida.Runtime.Values;

namespace Kida.Runtime.Globals;

// Kida's Python-builtin globals (LANGUAGE.md §8). Not part of Jinja2: only the Kida dialect registers them.
internal static partial class BuiltinGlobals
{
    /// <summary>Adds <c>list set tuple len str int float bool abs min max sum sorted reversed enumerate zip map filter</c>.</summary>
    public static void RegisterKidaBuiltins(IDictionary<string, object?> globals)
    {
        globals["list"] = (TemplateFunction)(a => a.Count == 0 ? new List<object?>() : PyOps.Iterate(One(a, "list")).ToList());
        globals["set"] = (TemplateFunction)(a =>
        {
            var set = new PySet();
            if (a.Count > 0) foreach (var x in PyOps.Iterate(One(a, "set"))) set.Add(x);
            return set;
        });
        globals["tuple"] = (TemplateFunction)(a => a.Count == 0 ? PyTuple.Empty : new PyTuple([.. PyOps.Iterate(One(a, "tuple"))]));
        globals["len"] = (TemplateFunction)(a => PyOps.Box((long)PyOps.Len(One(a, "len"))));
        globals["str"] = (TemplateFunction)(a => a.Count == 0 ? "" : PyFormat.Str(One(a, "str")));
        globals["bool"] = (TemplateFunction)(a => PyOps.Box(a.Count > 0 && PyOps.IsTrue(One(a, "bool"))));
        globals["int"] = (TemplateFunction)(a => ToInt(a));
        globals["float"] = (TemplateFunction)(a => ToFloat(a));
        globals["abs"] = (TemplateFunction)(a => CallFilter("abs", One(a, "abs"), CallArguments.Empty));
        globals["min"] = (TemplateFunction)(a => MinMax(a, false));
        globals["max"] = (TemplateFunction)(a => MinMax(a, true));
        globals["sum"] = (TemplateFunction)(a =>
        {
            object? total = a.Get(1, "start", 0L);
            foreach (var x in PyOps.Iterate(a.Get(0, "iterable"))) total = PyOps.Add(total, x);
            return total;
        });
        globals["sorted"] = (TemplateFunction)(a =>
        {
            var key = a.Get(-1, "key");
            Func<object?, object?> keyFunc = key is null ? x => x : x => Invoke(key, x);
            return BuiltinFilters.SortBy(PyOps.Iterate(a.Get(0, "iterable")), keyFunc, a.GetBool(-1, "reverse", false));
        });
        globals["reversed"] = (TemplateFunction)(a =>
        {
            var list = PyOps.Iterate(One(a, "reversed")).ToList();
            list.Reverse();
            return list;
        });
        globals["enumerate"] = (TemplateFunction)(a =>
        {
            var i = a.GetInt(1, "start", 0);
            return PyOps.Iterate(a.Get(0, "iterable")).Select(x => (object?)new PyTuple(PyOps.Box(i++), x)).ToList();
        });
        globals["zip"] = (TemplateFunction)(a =>
        {
            var lists = a.Positional.Select(p => PyOps.Iterate(p).ToList()).ToList();
            var result = new List<object?>();
            if (lists.Count == 0) return result;
            var n = lists.Min(l => l.Count);
            for (var i = 0; i < n; i++) result.Add(new PyTuple(lists.Select(l => l[i]).ToArray()));
            return result;
        });
        globals["map"] = (TemplateFunction)(a =>
        {
            var f = a.Get(0, "function");
            return PyOps.Iterate(a.Get(1, "iterable")).Select(x => Invoke(f, x)).ToList();
        });
        globals["filter"] = (TemplateFunction)(a =>
        {
            var f = a.Get(0, "function");
            return PyOps.Iterate(a.Get(1, "iterable")).Where(x => PyOps.IsTrue(f is null ? x : Invoke(f, x))).ToList();
        });
    }

    private static object? One(CallArguments a, string name)
    {
        if (a.Positional.Count != 1) throw new TemplateRuntimeException($"{name}() takes exactly one argument ({a.Positional.Count} given)");
        return a.Positional[0];
    }

    private static object? CallFilter(string name, object? value, CallArguments args)
    {
        var filters = new Dictionary<string, FilterFunction>();
        BuiltinFilters.Register(filters);
        return filters[name](value, args);
    }

    /// <summary>Calls a template callable (a <see cref="TemplateFunction"/> or <see cref="IPyCallable"/>) with one argument.</summary>
    internal static object? Invoke(object? f, object? arg) => f switch
    {
        TemplateFunction tf => tf(new CallArguments([arg])),
        IPyCallable pc => pc.Call(new CallArguments([arg])),
        Func<object?, object?> fn => fn(arg),
        _ => throw new TemplateRuntimeException($"'{PyFormat.TypeName(f)}' object is not callable"),
    };

    private static object? ToInt(CallArguments a)
    {
        if (a.Count == 0) return PyOps.Box(0L);
        var v = ClrInterop.Normalize(a.Get(0, "x"));
        var radix = (int)a.GetInt(1, "base", 10);
        switch (v)
        {
            case long or BigInteger: return v;
            case bool b: return PyOps.Box(b ? 1L : 0L);
            case double d:
                if (!double.IsFinite(d)) throw new TemplateRuntimeException($"cannot convert float {PyFormat.FormatFloat(d)} to integer");
                var bi = new BigInteger(Math.Truncate(d));
                return bi >= long.MinValue && bi <= long.MaxValue ? PyOps.Box((long)bi) : bi;
            case string or Markup:
                var s = BuiltinFilters.Text(v);
                if (BuiltinFilters.TryParsePyInt(s, radix, out var parsed))
                    return parsed >= long.MinValue && parsed <= long.MaxValue ? PyOps.Box((long)parsed) : parsed;
                throw new TemplateRuntimeException($"invalid literal for int() with base {radix}: {PyFormat.Repr(s)}");
            case Undefined u: throw u.ToException();
            default: throw new TemplateRuntimeException($"int() argument must be a string, a bytes-like object or a real number, not '{PyFormat.TypeName(v)}'");
        }
    }

    private static object? ToFloat(CallArguments a)
    {
        if (a.Count == 0) return 0.0;
        var v = ClrInterop.Normalize(a.Get(0, "x"));
        return v switch
        {
            double d => d,
            long or bool or BigInteger => PyOps.ToDouble(v),
            string or Markup => BuiltinFilters.TryParsePyFloat(BuiltinFilters.Text(v), out var d)
                ? d
                : throw new TemplateRuntimeException($"could not convert string to float: {PyFormat.Repr(BuiltinFilters.Text(v))}"),
            Undefined u => throw u.ToException(),
            _ => throw new TemplateRuntimeException($"float() argument must be a string or a real number, not '{PyFormat.TypeName(v)}'"),
        };
    }

    private static object? MinMax(CallArguments a, bool max)
    {
        var name = max ? "max" : "min";
        IEnumerable<object?> items = a.Positional.Count == 1 ? PyOps.Iterate(a.Positional[0]) : a.Positional;
        var key = a.Get(-1, "key");
        var hasDefault = a.TryGet(-1, "default", out var dflt);
        object? best = null, bestKey = null;
        var any = false;
        foreach (var x in items)
        {
            var k = key is null ? x : Invoke(key, x);
            if (!any || (max ? PyOps.Compare(k, bestKey, ">") > 0 : PyOps.Compare(k, bestKey, "<") < 0))
            {
                best = x;
                bestKey = k;
                any = true;
            }
        }
        if (any) return best;
        if (hasDefault) return dflt;
        throw new TemplateRuntimeException($"{name}() iterable argument is empty");
    }
}

/// <summary>A Python set: insertion-ordered, Python key equality, prints as <c>{1, 2}</c> or <c>set()</c>.</summary>
/// <remarks>
/// <para>
/// What the Kida dialect's <c>set(iterable)</c> global returns (Jinja2 itself has no sets). Elements compare like dict
/// keys: <c>1</c>, <c>1.0</c> and <c>true</c> are one element; <c>none</c> is allowed. Unlike a Python set it keeps
/// insertion order, so <c>{{ set([3, 1, 3]) }}</c> prints <c>{3, 1}</c> on every run; <c>in</c>, <c>length</c> and
/// iteration work as in Python.
/// </para>
/// <para>Mutable and not thread-safe: concurrent reads are fine, writes need the caller's own lock.</para>
/// </remarks>
public sealed class PySet : ICollection<object?>, IReadOnlyCollection<object?>, ISet<object?>
{
    private readonly HashSet<object?> _items = new(new NullableKeyComparer());
    private readonly List<object?> _order = [];

    /// <summary>The number of distinct elements (<c>set(x) | length</c>).</summary>
    public int Count => _items.Count;

    /// <summary>Always <see langword="false"/>.</summary>
    public bool IsReadOnly => false;

    /// <summary>Adds an element at the end unless an equal one (in the Python sense) is already present.</summary>
    /// <returns><see langword="true"/> when it was added.</returns>
    public bool Add(object? item)
    {
        if (!_items.Add(item)) return false;
        _order.Add(item);
        return true;
    }

    void ICollection<object?>.Add(object? item) => Add(item);
    /// <inheritdoc/>
    public void Clear() { _items.Clear(); _order.Clear(); }

    /// <summary>Whether an element equal to <paramref name="item"/> in the Python sense is present (<c>x in s</c>).</summary>
    public bool Contains(object? item) => _items.Contains(item);

    /// <summary>Copies the elements, in insertion order, into <paramref name="array"/> from <paramref name="arrayIndex"/>.</summary>
    public void CopyTo(object?[] array, int arrayIndex) => _order.CopyTo(array, arrayIndex);

    /// <summary>Removes the element equal to <paramref name="item"/>; the others keep their order.</summary>
    /// <returns>Whether it was present.</returns>
    public bool Remove(object? item)
    {
        if (!_items.Remove(item)) return false;
        _order.RemoveAt(_order.FindIndex(x => PyOps.Eq(x, item)));
        return true;
    }

    /// <summary>The elements in insertion order.</summary>
    public IEnumerator<object?> GetEnumerator() => _order.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void ExceptWith(IEnumerable<object?> other) { foreach (var x in other) Remove(x); }

    /// <inheritdoc/>
    public void IntersectWith(IEnumerable<object?> other)
    {
        var keep = new PySet();
        foreach (var x in other) if (Contains(x)) keep.Add(x);
        Clear();
        foreach (var x in keep) Add(x);
    }
    /// <inheritdoc/>
    public bool IsProperSubsetOf(IEnumerable<object?> other) => _items.IsProperSubsetOf(other);

    /// <inheritdoc/>
    public bool IsProperSupersetOf(IEnumerable<object?> other) => _items.IsProperSupersetOf(other);

    /// <inheritdoc/>
    public bool IsSubsetOf(IEnumerable<object?> other) => _items.IsSubsetOf(other);

    /// <inheritdoc/>
    public bool IsSupersetOf(IEnumerable<object?> other) => _items.IsSupersetOf(other);

    /// <inheritdoc/>
    public bool Overlaps(IEnumerable<object?> other) => _items.Overlaps(other);

    /// <inheritdoc/>
    public bool SetEquals(IEnumerable<object?> other) => _items.SetEquals(other);

    /// <inheritdoc/>
    public void SymmetricExceptWith(IEnumerable<object?> other)
    {
        foreach (var x in other.ToList()) if (!Remove(x)) Add(x);
    }
    /// <inheritdoc/>
    public void UnionWith(IEnumerable<object?> other) { foreach (var x in other) Add(x); }

    /// <summary>Python's <c>repr</c>, the way a template prints the set: <c>{3, 1}</c>, or <c>set()</c> when empty.</summary>
    public override string ToString() => PyFormat.Repr(this);

    private sealed class NullableKeyComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => PyOps.Eq(x, y);
        public int GetHashCode(object? obj) => obj is null ? 0 : PyKeyComparer.Instance.GetHashCode(obj);
    }
}
