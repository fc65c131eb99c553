using System.Collections;

namespace Kida.Runtime.Values;

// TemplateEnvironmentOptions.ImmutableSandbox: Jinja2's ImmutableSandboxedEnvironment refuses the methods that change a
// list or dict (sandbox.modifies_known_mutable), so a template cannot alter the data it was given.
internal static partial class PyMethods
{
    private static bool IsMutatingMethod(object? target, string name) => target switch
    {
        List<object?> => name is "append" or "extend" or "insert" or "pop" or "remove" or "reverse" or "sort" or "clear",
        PyDict or IDictionary => name is "clear" or "pop" or "popitem" or "setdefault" or "update",
        _ => false,
    };

    /// <summary>Throws when the render's environment is an immutable sandbox and the call would change <paramref name="target"/>.</summary>
    private static void CheckMutation(object? target, string name, CallArguments args)
    {
        if (args.Context?.Environment.Options.ImmutableSandbox == true && IsMutatingMethod(target, name))
            throw new TemplateSecurityException(target!.GetType().Name, name,
                $"access to attribute '{name}' of '{PyFormat.TypeName(target)}' object is unsafe.");
    }
}
