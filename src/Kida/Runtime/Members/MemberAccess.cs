using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Kida.Runtime.Values;

namespace Kida.Runtime.Members;

/// <summary>
/// Attribute (<c>a.b</c>) and subscript (<c>a[k]</c>) access with Jinja2's rules. Templates see dictionary keys,
/// public instance properties and fields, and the documented Python methods on builtin values — never other
/// .NET methods. Getters are compiled once per (type, name) and read lock-free afterwards.
/// </summary>
internal static class MemberAccess
{
    // By type, then by name: a type's hash is its identity and a string key gets the non-randomised ordinal hash, where a
    // (Type, string) tuple key costs a randomised string hash and a tuple comparison per read (a typed model's every
    // top-level name is read through here, VariableSource.ObjectSource).
    private static readonly ConcurrentDictionary<Type, ConcurrentDictionary<string, Func<object, object?>?>> Getters = new();
    private static readonly ConcurrentDictionary<(Type, string), Action<object, Output.OutputBuffer>?> Writers = new();
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> AllMembers = new();

    /// <summary><c>obj.name</c> with a lenient (or strict) undefined for a miss.</summary>
    public static object? GetAttr(object? obj, string name, bool strict) =>
        GetAttr(obj, name, strict ? UndefinedBehavior.Strict : UndefinedBehavior.Default);

    /// <summary><c>obj[key]</c> with a lenient (or strict) undefined for a miss.</summary>
    public static object? GetItem(object? obj, object? key, bool strict) =>
        GetItem(obj, key, strict ? UndefinedBehavior.Strict : UndefinedBehavior.Default);

    /// <summary><c>obj.name</c>: mapping keys first (Kida's rule on dicts), then attributes and builtin methods.</summary>
    public static object? GetAttr(object? obj, string name, UndefinedBehavior strict)
    {
        switch (obj)
        {
            case PyDict d:
                if (d.TryGetValue(name, out var dv)) return dv;
                // A mapping's names are its keys: an absent one is Jinja2's lenient undefined, never a security error.
                return PyMethods.Has(d, name) ? new BoundMethod(d, name) : Missing(d, name, strict);
            case IPyAttributes pa:
                return pa.TryGetAttribute(name, out var av) ? av : Missing(obj, name, strict);
            case string or Markup or List<object?> or PyTuple:
                return MethodOrMissing(obj, name, strict);
            case null:
                return Missing(null, name, strict);
            case Undefined u:
                if (u.Chainable) return u;
                throw u.ToException();
        }
        return GetAttrSlow(obj, name, strict);
    }

    private static object? GetAttrSlow(object obj, string name, UndefinedBehavior strict)
    {
        var n = ClrInterop.Normalize(obj);
        if (!ReferenceEquals(n, obj)) return GetAttr(n, name, strict);
        if (ClrInterop.TryAsReadOnlyStringDictionary(obj, out var sd))
            return sd.TryGetValue(name, out var v) ? ClrInterop.Normalize(v) : PyMethods.Has(obj, name) ? new BoundMethod(obj, name) : Missing(obj, name, strict);
        // Reflection, delegates, tasks…: no member is read unless the policy allows it (this throws otherwise).
        if (Sandbox.IsDangerousType(obj.GetType()))
            return Sandbox.TryResolveGuarded(obj, name, out var allowed) ? allowed : Missing(obj, name, strict);
        var getter = GetGetter(obj.GetType(), name);
        if (getter is not null) return ClrInterop.Normalize(getter(obj));
        if (obj is IDictionary nd && nd.Contains(name)) return ClrInterop.Normalize(nd[name]);
        return MethodOrMissing(obj, name, strict);
    }

    /// <summary>
    /// The miss path for non-mappings: a Python method, else — when the name is a .NET method or static member of the
    /// object's type — a security error (or what the policy allows), else the lenient undefined.
    /// </summary>
    private static object MethodOrMissing(object obj, string name, UndefinedBehavior strict)
    {
        if (PyMethods.Has(obj, name)) return new BoundMethod(obj, name);
        if (Sandbox.TryResolveGuarded(obj, name, out var allowed)) return allowed!;
        return Missing(obj, name, strict);
    }

    private static Undefined Missing(object? owner, string name, UndefinedBehavior strict, object? key = null) =>
        new(name, owner, UndefinedKind.AttributeOrKey, strict, key: key);

    /// <summary><c>obj[key]</c>: the item first, then (for string keys) the attribute — Jinja2's getitem.</summary>
    public static object? GetItem(object? obj, object? key, UndefinedBehavior strict)
    {
        // The most common read first: a string key present in a dict (JSON data, chat messages).
        if (obj is PyDict pd && key is string sk && pd.TryGetValue(sk, out var found)) return found;
        // A strict undefined cannot even be hashed as a mapping key.
        if (key is Undefined { Strict: true } strictKey && obj is PyDict or IDictionary) throw strictKey.ToException();
        switch (obj)
        {
            case PyDict d:
                if (key is not null && d.TryGetValue(key, out var dv)) return dv;
                break;
            case List<object?> list:
                if (TryIndex(key, list.Count, out var i)) return list[i];
                break;
            case PyTuple t:
                if (TryIndex(key, t.Count, out var ti)) return t[ti];
                break;
            case string s:
                if (TryIndex(key, s.Length, out var si)) return s[si].ToString();
                break;
            case Globals.PyRange r:
                if (TryIndex(key, r.Count, out var ri)) return r[ri];
                break;
            case Undefined u:
                if (u.Chainable) return u;
                throw u.ToException();
            case null:
                break;
            default:
                var n = ClrInterop.Normalize(obj);
                if (!ReferenceEquals(n, obj)) return GetItem(n, key, strict);
                if (ClrInterop.TryAsReadOnlyStringDictionary(obj, out var sd))
                {
                    if (key is string ks && sd.TryGetValue(ks, out var sv)) return ClrInterop.Normalize(sv);
                    break;
                }
                if (obj is IDictionary nd)
                {
                    if (key is not null && nd.Contains(key)) return ClrInterop.Normalize(nd[key]);
                    break;
                }
                if (obj is IList il && TryIndex(key, il.Count, out var li)) return ClrInterop.Normalize(il[li]);
                // Integer keys go to an indexer here; string keys try attributes first (below), then the indexer.
                if (key is not string && TryIndexer(obj, key, out var indexed)) return indexed;
                if (key is string member)
                {
                    var attribute = GetAttr(obj, member, strict);
                    return attribute is Undefined && TryIndexer(obj, key, out var byName) ? byName : attribute;
                }
                break;
        }
        if (key is string name && obj is not null) return GetAttr(obj, name, strict);
        return key is string k ? Missing(obj, k, strict) : Missing(obj, PyFormat.Repr(key), strict, key ?? Undefined.NoneKey);
    }

    private static readonly ConcurrentDictionary<(Type, Type), PropertyInfo?> Indexers = new();

    /// <summary>
    /// <c>obj[key]</c> through a public instance indexer taking one string or integer (e.g. <c>this[string]</c>).
    /// A key the indexer rejects (KeyNotFound, out of range) counts as missing, like a dictionary miss.
    /// </summary>
    private static bool TryIndexer(object obj, object? key, out object? value)
    {
        value = null;
        var type = obj.GetType();
        Type? keyType = key switch { string => typeof(string), long or int => typeof(int), _ => null };
        if (keyType is null || Sandbox.IsDangerousType(type)) return false;
        var indexer = Indexers.GetOrAdd((type, keyType), static k => FindIndexer(k.Item1, k.Item2));
        if (indexer is null) return false;
        object? argument = key;
        if (keyType == typeof(int))
        {
            var number = PyOps.ToInt(key);
            if (indexer.GetIndexParameters()[0].ParameterType == typeof(long)) argument = number;
            else if (number is < int.MinValue or > int.MaxValue) return false; // no such position: missing
            else argument = (int)number;
        }
        try
        {
            value = ClrInterop.Normalize(indexer.GetValue(obj, [argument]));
            return true;
        }
        catch (TargetInvocationException e) when (e.InnerException is KeyNotFoundException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return false;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // What the indexer itself threw, not reflection's wrapper ("Exception has been thrown by the target…").
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.ClrMembers)]
    private static PropertyInfo? FindIndexer(Type type, Type keyType) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p =>
            p.GetMethod is { IsPublic: true } &&
            p.GetIndexParameters() is [var parameter] &&
            (parameter.ParameterType == keyType || (keyType == typeof(int) && parameter.ParameterType == typeof(long))) &&
            !Sandbox.IsDangerousType(p.PropertyType));

    private static bool TryIndex(object? key, int count, out int index)
    {
        long k;
        switch (key)
        {
            case long l: k = l; break;
            case int i: k = i; break;
            case bool b: k = b ? 1 : 0; break;
            default: index = 0; return false;
        }
        if (k < 0) k += count;
        index = (int)k;
        return k >= 0 && k < count;
    }

    /// <summary>Python slicing <c>obj[start:stop:step]</c> on strings, lists and tuples.</summary>
    public static object? Slice(object? obj, object? start, object? stop, object? step)
    {
        var st = step is null or Undefined ? 1 : PyOps.ToInt(step);
        if (st == 0) throw new TemplateRuntimeException("slice step cannot be zero");
        switch (obj)
        {
            case string s: return SliceString(s, start, stop, st);
            case Markup m: return new Markup(SliceString(m.Value, start, stop, st));
            case PyTuple t:
            {
                var (a, n) = SliceRange(t.Count, start, stop, st);
                var items = new object?[n];
                for (var i = 0; i < n; i++) items[i] = t[(int)(a + i * st)];
                return new PyTuple(items);
            }
            case Undefined u: return u.Chainable ? u : throw u.ToException();
        }
        var list = PyOps.ToList(obj);
        var (first, count) = SliceRange(list.Count, start, stop, st);
        var result = new List<object?>(count);
        for (var i = 0; i < count; i++) result.Add(list[(int)(first + i * st)]);
        return result;
    }

    private static string SliceString(string s, object? start, object? stop, long step)
    {
        var (a, n) = SliceRange(s.Length, start, stop, step);
        if (step == 1) return s.Substring((int)a, n);
        return string.Create(n, (s, a, step), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = state.s[(int)(state.a + i * state.step)];
        });
    }

    // Python's slice.indices for a sequence of `len` items: the first index and how many items the slice takes.
    private static (long First, int Count) SliceRange(int len, object? start, object? stop, long step)
    {
        long Clamp(object? v, long dflt)
        {
            if (v is null or Undefined) return dflt;
            var x = PyOps.ToInt(v);
            if (x < 0) x += len;
            if (step > 0) return Math.Clamp(x, 0, len);
            return Math.Clamp(x, -1, len - 1);
        }
        var a = Clamp(start, step > 0 ? 0 : len - 1);
        var b = Clamp(stop, step > 0 ? len : -1);
        long count = step > 0
            ? (b > a ? (b - a - 1) / step + 1 : 0)
            : (a > b ? (step == long.MinValue ? 1 : (a - b - 1) / -step + 1) : 0);
        return (a, (int)count);
    }

    /// <summary>Resolves a dotted path (<c>"a.b.0"</c>) the way filters such as <c>map(attribute=)</c> do.</summary>
    public static object? GetPath(object? obj, string path, bool strict = false)
    {
        foreach (var part in path.Split('.'))
        {
            if (obj is Undefined) return obj;
            object key = long.TryParse(part, out var idx) ? idx : part;
            obj = GetItem(obj, key, strict);
        }
        return obj;
    }

    /// <summary>Compiled getter for a public instance property or field, or null.</summary>
    public static Func<object, object?>? GetGetter(Type type, string name) =>
        Getters.GetOrAdd(type, static _ => new()).GetOrAdd(name, static (name, type) => CompileGetter(type, name), type);

    private static Func<object, object?>? CompileGetter(Type type, string name)
    {
        if (ResolveMember(type, name) is not { } member) return null;
        var p = Expression.Parameter(typeof(object), "o");
        var value = Expression.MakeMemberAccess(Expression.Convert(p, type), member);
        return Expression.Lambda<Func<object, object?>>(Boxed(value), p).Compile();
    }

    /// <summary>
    /// The public instance property or field a template reads as <c>obj.name</c> (snake_case also finds PascalCase:
    /// user.first_name → FirstName), or null. None on dangerous types, nor members that hand out dangerous values:
    /// those reads go the slow way, through the sandbox and the policy.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.ClrMembers)]
    internal static MemberInfo? ResolveMember(Type type, string name)
    {
        if (Sandbox.IsDangerousType(type)) return null;
        MemberInfo? member = MemberLookup.Property(type, name);
        if (member is PropertyInfo { GetMethod: null } or PropertyInfo { GetMethod.IsPublic: false }) member = null;
        member ??= MemberLookup.Field(type, name);
        if (member is null)
        {
            var pascal = ToPascal(name);
            return pascal != name ? ResolveMember(type, pascal) : null;
        }
        return Sandbox.IsDangerousType(member is PropertyInfo mp ? mp.PropertyType : ((FieldInfo)member).FieldType) ? null : member;
    }

    /// <summary>
    /// For <c>{{ obj.name }}</c> on a CLR object whose member is an integer, a <c>bool</c> or a <c>double</c>: writes the
    /// value the way printing its template form would, without boxing it. Null for every other member (and wherever
    /// <see cref="GetGetter"/> is null), so callers fall back to the getter.
    /// </summary>
    internal static Action<object, Output.OutputBuffer>? GetScalarWriter(Type type, string name) =>
        Writers.GetOrAdd((type, name), static key => CompileScalarWriter(key.Item1, key.Item2));

    private static Action<object, Output.OutputBuffer>? CompileScalarWriter(Type type, string name)
    {
        if (ResolveMember(type, name) is not { } member) return null;
        var o = Expression.Parameter(typeof(object), "o");
        var output = Expression.Parameter(typeof(Output.OutputBuffer), "output");
        var value = Expression.MakeMemberAccess(Expression.Convert(o, type), member);
        var t = value.Type;
        Expression write;
        if (IsLongSized(t))
            write = Expression.Call(output, typeof(Output.OutputBuffer).GetMethod(nameof(Output.OutputBuffer.Write), [typeof(long)])!, Expression.Convert(value, typeof(long)));
        else if (t == typeof(double))
            write = Expression.Call(output, typeof(Output.OutputBuffer).GetMethod(nameof(Output.OutputBuffer.WriteFloat), [typeof(double)])!, value);
        else if (t == typeof(bool))
            write = Expression.Call(output, typeof(Output.OutputBuffer).GetMethod(nameof(Output.OutputBuffer.Write), [typeof(string)])!,
                Expression.Condition(value, Expression.Constant("True"), Expression.Constant("False")));
        else return null;
        return Expression.Lambda<Action<object, Output.OutputBuffer>>(write, o, output).Compile();
    }

    /// <summary>
    /// The member's value as an object, already in template form for the common scalars: integers up to 32 bits and
    /// <c>long</c> become a <c>long</c> through <see cref="PyOps.Box(long)"/> (small values cached), <c>bool</c> a cached
    /// box. Boxed as-is, an <c>int</c> would be boxed twice per read: once here, once more as <c>long</c> by
    /// <see cref="ClrInterop.Normalize"/>.
    /// </summary>
    private static Expression Boxed(Expression value)
    {
        var t = value.Type;
        if (t == typeof(bool)) return Expression.Call(typeof(PyOps).GetMethod(nameof(PyOps.Box), [typeof(bool)])!, value);
        if (IsLongSized(t))
            return Expression.Call(typeof(PyOps).GetMethod(nameof(PyOps.Box), [typeof(long)])!, Expression.Convert(value, typeof(long)));
        return Expression.Convert(value, typeof(object));
    }

    /// <summary>Integer types whose every value is a <c>long</c> (so <c>ulong</c> is not: it may need a BigInteger).</summary>
    private static bool IsLongSized(Type t) =>
        t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(uint) || t == typeof(ushort) || t == typeof(byte);

    internal static string ToPascal(string name)
    {
        if (name.Length == 0) return name;
        var sb = new System.Text.StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c == '_') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }

    /// <summary>Public readable properties and fields of a CLR object, in declaration order.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.ClrMembers)]
    public static IEnumerable<(string Name, object? Value)> PublicMembers(object obj)
    {
        // Serialising a reflection object (tojson, dictsort, dict()) would read every member: refuse it outright.
        if (Sandbox.IsDangerousType(obj.GetType())) throw Sandbox.Forbidden(obj.GetType(), "*", dangerous: true);
        var members = AllMembers.GetOrAdd(obj.GetType(), static t =>
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .Select(p => (p.Name, Get: GetGetter(t, p.Name)))
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (f.Name, Get: GetGetter(t, f.Name))))
                .Where(m => m.Get is not null)
                .Select(m => (m.Name, m.Get!))
                .ToArray());
        foreach (var (name, get) in members) yield return (name, get(obj));
    }
}
