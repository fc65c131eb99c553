using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Kida.Runtime.Values;

namespace Kida.Runtime.Members;

/// <summary>
/// The sandbox's decisions about .NET members: which types are never looked into, which names are .NET methods or
/// static members (forbidden, not missing), and what the environment's <see cref="MemberAccessPolicy"/> allows.
/// Decisions are cached per (type, name); the policy is consulted only on the forbidden path, so reads stay cheap.
/// </summary>
internal static class Sandbox
{
    private static readonly ConcurrentDictionary<Type, bool> Dangerous = new();
    private static readonly ConcurrentDictionary<(Type, string), bool> ForbiddenNames = new();
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> AllowedGetters = new();

    // The policy is set for the duration of a render (renders run synchronously on one thread) in the thread's
    // render state, so that every path that reads attributes — the dot syntax, attr/map/sort filters, str.format —
    // applies the same policy without threading it through each call. It is read only on the forbidden path.

    /// <summary>The policy of the render running on this thread, or the default sandbox.</summary>
    public static MemberAccessPolicy CurrentPolicy => RenderThreadState.CurrentPolicy ?? MemberAccessPolicy.Default;

    internal static MemberAccessPolicy? Enter(MemberAccessPolicy policy) => RenderThreadState.Current.SwapPolicy(policy);

    internal static void Exit(MemberAccessPolicy? previous) => RenderThreadState.Current.SwapPolicy(previous);

    private static readonly string[] DangerousNamespaces =
    [
        "System.Reflection", "System.Runtime.Loader", "System.Runtime.InteropServices", "System.Runtime.CompilerServices",
        "System.Security", "System.Diagnostics", "System.Threading", "Microsoft.Win32",
        "Kida.Runtime.Members",
    ];

    private static readonly Type[] DangerousBases =
    [
        typeof(MemberInfo), typeof(Assembly), typeof(Module), typeof(ParameterInfo), typeof(Delegate), typeof(AppDomain),
        typeof(Expression), typeof(RuntimeTypeHandle), typeof(RuntimeMethodHandle), typeof(RuntimeFieldHandle),
        typeof(IntPtr), typeof(UIntPtr), typeof(System.Threading.Tasks.Task), typeof(TemplateEnvironment),
        typeof(TemplateEnvironmentOptions), typeof(RenderContext), typeof(ITemplateLoader), typeof(Template),
    ];

    /// <summary>
    /// Types whose members templates never read: reflection (Type, MemberInfo, Assembly), delegates, processes,
    /// threads and tasks, I/O and networking, and the engine's own environment, loaders and render state.
    /// </summary>
    public static bool IsDangerousType(Type type) => Dangerous.GetOrAdd(type, static t =>
    {
        foreach (var b in DangerousBases)
            if (b.IsAssignableFrom(t)) return true;
        if (t.IsPointer || t.IsByRef || t.IsCOMObject) return true;
        var ns = t.Namespace ?? "";
        foreach (var d in DangerousNamespaces)
            if (ns == d || ns.StartsWith(d + ".", StringComparison.Ordinal)) return true;
        return false;
    });

    /// <summary>
    /// True when <paramref name="name"/> (or its PascalCase form) names something on the type that templates must not
    /// reach: a method, a static property or field, or a property/field whose declared type is dangerous.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2080", Justification = TrimNotes.ClrMembers)]
    public static bool IsForbiddenName(Type type, string name) => ForbiddenNames.GetOrAdd((type, name), static key =>
    {
        var (t, n) = key;
        return Names(n).Any(candidate =>
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;
            foreach (var m in t.GetMember(candidate, all))
            {
                switch (m)
                {
                    case MethodInfo: return true;
                    case EventInfo: return true;
                    case PropertyInfo p when p.GetMethod is { IsStatic: true } || IsDangerousType(p.PropertyType): return true;
                    case FieldInfo f when f.IsStatic || IsDangerousType(f.FieldType): return true;
                    case Type: return true;
                }
            }
            return false;
        });
    });

    private static IEnumerable<string> Names(string name)
    {
        yield return name;
        var pascal = MemberAccess.ToPascal(name);
        if (pascal != name) yield return pascal;
    }

    /// <summary>
    /// Called when an attribute was not found the ordinary way. Returns false when the name is simply missing;
    /// returns the value when the policy allows the member; throws <see cref="TemplateSecurityException"/> otherwise.
    /// </summary>
    internal static bool TryResolveGuarded(object obj, string name, out object? value)
    {
        var type = obj.GetType();
        var dangerous = IsDangerousType(type);
        if (!dangerous && !IsForbiddenName(type, name))
        {
            value = null;
            return false;
        }
        var policy = CurrentPolicy;
        if (policy.IsAllowed(type, name))
        {
            var getter = AllowedGetters.GetOrAdd((type, name), static k => CompileAllowedGetter(k.Item1, k.Item2));
            if (getter is not null)
            {
                value = ClrInterop.Normalize(getter(obj));
                return true;
            }
            var method = FindMethodName(type, name);
            if (method is not null)
            {
                value = new ClrMethod(obj, method);
                return true;
            }
            if (dangerous && !IsForbiddenName(type, name))
            {
                value = null;
                return false;
            }
        }
        throw Forbidden(type, name, dangerous);
    }

    internal static TemplateSecurityException Forbidden(Type type, string name, bool dangerous)
    {
        var typeName = type.Name;
        var reason = dangerous
            ? $"access to '{name}' on '{typeName}' is not allowed: templates cannot look into {Describe(type)} objects"
            : $"access to '{name}' on '{typeName}' is not allowed: templates may read properties, fields and keys, not .NET methods, static members, delegates or reflection objects";
        return new TemplateSecurityException(type.FullName ?? typeName, name, reason)
        {
            Suggestion = "expose the value as a property or dictionary key, or allow it explicitly with TemplateEnvironmentOptions.MemberAccess",
        };
    }

    private static string Describe(Type type) =>
        typeof(Delegate).IsAssignableFrom(type) ? "delegate" :
        typeof(MemberInfo).IsAssignableFrom(type) || (type.Namespace ?? "").StartsWith("System.Reflection", StringComparison.Ordinal) ? "reflection" :
        "runtime";

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.ClrMembers)]
    private static Func<object, object?>? CompileAllowedGetter(Type type, string name)
    {
        foreach (var candidate in Names(name))
        {
            MemberInfo? member = MemberLookup.Property(type, candidate);
            if (member is PropertyInfo { GetMethod.IsPublic: not true } or PropertyInfo { IsSpecialName: true }) member = null;
            member ??= MemberLookup.Field(type, candidate);
            switch (member)
            {
                case PropertyInfo p: return o => p.GetValue(o);
                case FieldInfo f: return o => f.GetValue(o);
            }
        }
        return null;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.ClrMembers)]
    private static string? FindMethodName(Type type, string name)
    {
        foreach (var candidate in Names(name))
            if (type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name == candidate && !m.IsGenericMethodDefinition))
                return candidate;
        return null;
    }
}
