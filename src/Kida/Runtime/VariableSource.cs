using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kida.Runtime.Members;
using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>The render arguments, whatever shape the caller passed them in.</summary>
internal abstract class VariableSource
{
    public static readonly VariableSource Empty = new DictionarySource(new Dictionary<string, object?>());

    public abstract bool TryGet(string name, out object? value);

    /// <summary>Every variable, for includes, <c>{% debug %}</c>-style tools and <c>context</c> copies.</summary>
    public abstract IEnumerable<KeyValuePair<string, object?>> All();

    /// <summary>Wraps a model: dictionary, ExpandoObject, JSON, anonymous object, POCO or record.</summary>
    public static VariableSource From(object? model)
    {
        switch (model)
        {
            case null: return Empty;
            case VariableSource vs: return vs;
            case IReadOnlyDictionary<string, object?> d: return new DictionarySource(d);
            case JsonElement e:
                return ClrInterop.FromJson(e) is PyDict pd ? new DictionarySource(pd)
                    : throw new ArgumentException("a JSON render context must be an object", nameof(model));
            case JsonNode n:
                return ClrInterop.FromJsonNode(n) is PyDict pd2 ? new DictionarySource(pd2)
                    : throw new ArgumentException("a JSON render context must be an object", nameof(model));
        }
        if (ClrInterop.TryAsReadOnlyStringDictionary(model, out var sd)) return new DictionarySource(sd);
        if (model is IEnumerable or string || model.GetType().IsPrimitive)
            throw new ArgumentException($"a render context must be an object or a dictionary, not {model.GetType().Name}", nameof(model));
        return new ObjectSource(model);
    }

    /// <summary>
    /// <see cref="From"/>, reusing <paramref name="spare"/> (a dictionary wrapper kept by the caller) when the model is
    /// a dictionary, so a render over a dictionary allocates no wrapper.
    /// </summary>
    internal static VariableSource FromReusing(object? model, ref VariableSource? spare)
    {
        // The exact-type test first: an interface cast walks the type's interface map, which costs more than the
        // rest of a small render's set-up.
        var d = model is not null && model.GetType() == typeof(Dictionary<string, object?>)
            ? Unsafe.As<Dictionary<string, object?>>(model)
            : model as IReadOnlyDictionary<string, object?>;
        if (d is not null)
        {
            if (spare is DictionarySource reusable)
            {
                reusable.Set(d);
                return reusable;
            }
            var fresh = new DictionarySource(d);
            spare = fresh;
            return fresh;
        }
        return From(model);
    }

    /// <summary>Lets a kept wrapper drop its reference to the last render's data.</summary>
    internal static void Forget(VariableSource spare)
    {
        // A kept wrapper must not keep the last render's data alive on an idle thread.
        if (spare is DictionarySource d) d.Forget();
    }

    private static readonly Dictionary<string, object?> EmptyValues = new();

    private sealed class DictionarySource(IReadOnlyDictionary<string, object?> values) : VariableSource
    {
        // One field, so a reused wrapper costs one GC write barrier per render (Forget stores a constant null,
        // which needs none); the plain Dictionary is recognised by its exact type when read.
        private IReadOnlyDictionary<string, object?>? _values = values;

        internal void Set(IReadOnlyDictionary<string, object?> values)
        {
            if (!ReferenceEquals(_values, values)) _values = values;
        }

        internal void Forget() => _values = null;

        public override bool TryGet(string name, out object? value)
        {
            var values = _values ?? EmptyValues;
            // The common case, a plain Dictionary, read without interface dispatch.
            if (values.GetType() == typeof(Dictionary<string, object?>)
                    ? Unsafe.As<Dictionary<string, object?>>(values).TryGetValue(name, out value)
                    : values.TryGetValue(name, out value))
            {
                value = ClrInterop.Normalize(value);
                return true;
            }
            return false;
        }

        public override IEnumerable<KeyValuePair<string, object?>> All() => _values ?? EmptyValues;
    }

    private sealed class ObjectSource(object model) : VariableSource
    {
        public override bool TryGet(string name, out object? value)
        {
            var getter = MemberAccess.GetGetter(model.GetType(), name);
            if (getter is null) { value = null; return false; }
            value = ClrInterop.Normalize(getter(model));
            return true;
        }

        public override IEnumerable<KeyValuePair<string, object?>> All() =>
            MemberAccess.PublicMembers(model).Select(m => new KeyValuePair<string, object?>(m.Name, m.Value));
    }
}
