using Kida.Runtime;
using Kida.Runtime.Output;
using Kida.Runtime.Values;

namespace Kida;

/// <summary>
/// A compiled standalone expression (Jinja2's <c>env.compile_expression</c>), made by
/// <see cref="TemplateEnvironment.CompileExpression"/>. Immutable: one instance may be evaluated from many threads
/// at once, each call with its own variables.
/// </summary>
/// <example>
/// <code>
/// var isAdult = env.CompileExpression("user.age >= 18");
/// bool ok = (bool)isAdult.Evaluate(new { user = new { age = 20 } })!;   // true
/// </code>
/// </example>
public sealed class TemplateExpression
{
    private readonly Template _template;

    internal TemplateExpression(Template template, string source, bool undefinedToNone)
    {
        _template = template;
        Source = source;
        UndefinedToNone = undefinedToNone;
    }

    /// <summary>The expression's text.</summary>
    public string Source { get; }

    /// <summary>Whether an undefined result is returned as null (Jinja2's <c>undefined_to_none</c>) rather than as an <see cref="Undefined"/>.</summary>
    public bool UndefinedToNone { get; }

    /// <summary>
    /// Evaluates the expression with variables from <paramref name="context"/> (an anonymous object, POCO, record,
    /// dictionary, <c>ExpandoObject</c> or JSON value, like <see cref="Template.Render(object?)"/>), then globals.
    /// Returns the value in the engine's representation (<c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c>,
    /// lists, <c>PyDict</c>, <c>PyTuple</c>, or the model's own objects); a missing result is null when
    /// <see cref="UndefinedToNone"/>, else an <see cref="Undefined"/>.
    /// </summary>
    /// <exception cref="TemplateRuntimeException">The expression fails (a filter error, a strict undefined, …).</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public object? Evaluate(object? context = null) => EvaluateCore(context);

    private object? EvaluateCore(object? context)
    {
        var output = _template.RenderNativeOutput(context);
        var value = output.Parts.Count > 0 ? output.Parts[0] : null;
        return UndefinedToNone && value is Undefined ? null : value;
    }

    /// <summary>
    /// <see cref="Evaluate(object?)"/> with a dictionary of variables (or none): reads no CLR type by reflection, so it
    /// is safe under trimming and Native AOT.
    /// </summary>
    public object? Evaluate(IReadOnlyDictionary<string, object?>? context) => EvaluateCore(context);

    /// <summary><see cref="Evaluate(object?)"/> with no variables but the globals (safe under trimming and Native AOT).</summary>
    public object? Evaluate() => EvaluateCore(null);

    /// <inheritdoc/>
    public override string ToString() => $"<TemplateExpression '{Source}'>";
}
