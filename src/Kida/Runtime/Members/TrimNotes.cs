namespace Kida.Runtime.Members;

/// <summary>
/// Why the engine's reflection over CLR values is safe to suppress inside the library, and what the public entry points
/// that take arbitrary objects tell their callers instead (see docs/ARCHITECTURE.md, "Trimming and Native AOT").
/// </summary>
internal static class TrimNotes
{
    /// <summary>The justification at each site that reads public members of a value's run-time type.</summary>
    public const string ClrMembers =
        "Reads public properties, fields, indexers or (when the MemberAccessPolicy allows them) methods of the run-time type of " +
        "a value the application put into a render. The public entry points that take arbitrary objects (Template.Render(object?), " +
        "RenderJob(Template, object?), TemplateEnvironment.AddGlobal(string, object?), ...) carry [RequiresUnreferencedCode]; " +
        "dictionaries, lists, strings, numbers and JSON values never reach this code. If a trimmed application still renders a " +
        "CLR object whose members were removed, the lookup finds nothing and the template sees an undefined value (or the " +
        "sandbox's error), never an invalid call.";

    /// <summary>The justification at each site that lists a value's interfaces.</summary>
    public const string KnownInterfaces =
        "Looks only for interfaces this code names itself (ISet<>, IReadOnlyList<>, IDictionary<,>, IReadOnlyCollection<>, " +
        "ICollection<>) or that the application named in its MemberAccessPolicy: the trimmer keeps a type's implementation of an " +
        "interface whenever the interface type itself is kept, which naming it here does.";

    /// <summary>What a caller of an object-taking entry point is told, with the alternative that needs no reflection.</summary>
    public const string ObjectModel =
        "An object model is read through reflection over its public properties and fields, which trimming can remove. " +
        "Pass an IReadOnlyDictionary<string, object?> (a Dictionary<string, object?>) whose values are strings, numbers, bools, " +
        "lists, dictionaries or JsonElement/JsonNode values instead; those are read without reflection.";

    /// <summary>Why a dictionary-typed overload may call its object-typed twin.</summary>
    public const string DictionaryContext =
        "The context is an IReadOnlyDictionary<string, object?> (or null), which VariableSource.From reads through the dictionary " +
        "interface, without reflection; only the values inside it can be CLR objects, as with every dictionary context.";

    /// <summary>What a caller of <c>AddGlobal(string, object?)</c> is told.</summary>
    public const string ObjectGlobal =
        "A global that is a CLR object is read through reflection over its public properties and fields, which trimming can " +
        "remove. Register strings, numbers, lists, dictionaries (IReadOnlyDictionary<string, object?>) or delegates " +
        "(AddGlobal(string, Delegate?)) instead; those need no reflection over your types.";
}
