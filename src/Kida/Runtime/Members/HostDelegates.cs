namespace Kida.Runtime.Members;

/// <summary>
/// Turns delegates the host registers (globals, filters, tests) into what templates call. <see cref="TemplateFunction"/>,
/// <see cref="FilterFunction"/> and <see cref="TestFunction"/> pass through untouched (the full-control path, no
/// wrapping); every other delegate becomes a <see cref="ClrFunction"/>, analysed once here. Only these registration
/// paths trust a delegate: one found in template data (a model property returning a <c>Func</c>) stays uncallable.
/// </summary>
internal static class HostDelegates
{
    /// <summary>The value to store for a global: typed delegates adapted, everything else unchanged.</summary>
    public static object? AsGlobal(string name, object? value) => value switch
    {
        null or TemplateFunction or not Delegate => value,
        // A (CallArguments) => … lambda is a TemplateFunction in all but its type.
        Func<CallArguments, object?> f => (TemplateFunction)(args => f(args)),
        Delegate d => ClrFunction.Create(name, d),
    };

    /// <summary>A filter calling <paramref name="filter"/> with the piped value first.</summary>
    public static FilterFunction AsFilter(string name, Delegate filter) => ClrFunction.Create(name, filter, leading: 1, kind: "filter").CallWithValue;

    /// <summary>A test calling <paramref name="test"/> (which returns bool) with the tested value first.</summary>
    public static TestFunction AsTest(string name, Delegate test)
    {
        var function = ClrFunction.Create(name, test, leading: 1, mustReturnBool: true, kind: "test");
        return (value, args) => function.CallWithValue(value, args) is true;
    }
}
