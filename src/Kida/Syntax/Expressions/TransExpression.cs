using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary>
/// The value a <c>{% trans %}</c> tag prints: Jinja2's <c>_make_node</c>. The gettext function is looked up by name at
/// render time (so a template variable or render argument named <c>gettext</c> wins, as in Jinja2). Old style: the
/// result is marked safe when autoescaping and then <c>%</c>-formatted with the variables (which escapes them);
/// newstyle: the variables go to the function as keywords and it formats and escapes.
/// </summary>
internal sealed class TransExpression(
    NameExpression function, string? context, string singular, string? plural, string[] names, Expression[] values,
    int pluralIndex, bool numCalledNum, bool newstyle, SourceSpan span) : Expression(span)
{
    internal NameExpression Function => function;
    internal IReadOnlyList<Expression> Values => values;

    public string FunctionName => function.Name;
    public string? Context => context;
    public string Singular => singular;
    public string? Plural => plural;
    public IReadOnlyList<string> VariableNames => names;

    /// <summary>The call's arguments as Jinja2's <c>extract_from_ast</c> sees them: the message strings, None for the count and each keyword.</summary>
    internal IEnumerable<string?> ExtractedArguments()
    {
        if (context is not null) yield return context;
        yield return singular;
        if (pluralIndex >= 0)
        {
            yield return plural;
            yield return null;
        }
        if (!newstyle) yield break;
        foreach (var n in names)
            if (!(numCalledNum && n == "num")) yield return null;
    }

    internal override IEnumerable<Expression> Children => [function, .. values];

    public override object? Eval(RenderContext ctx)
    {
        var evaluated = new object?[values.Length];
        for (var i = 0; i < values.Length; i++) evaluated[i] = values[i].Eval(ctx);
        var f = function.Eval(ctx);
        var positional = new List<object?>(4);
        if (context is not null) positional.Add(context);
        positional.Add(singular);
        if (pluralIndex >= 0)
        {
            positional.Add(plural);
            positional.Add(evaluated[pluralIndex]);
        }
        KeyValuePair<string, object?>[]? named = null;
        if (newstyle)
        {
            var kw = new List<KeyValuePair<string, object?>>(names.Length);
            for (var i = 0; i < names.Length; i++)
            {
                if (numCalledNum && names[i] == "num") continue;
                kw.Add(new(names[i], evaluated[i]));
            }
            named = [.. kw];
        }
        var rv = CallExpression.Invoke(ctx, f, new CallArguments([.. positional], named, ctx));
        if (newstyle) return rv;
        if (ctx.Autoescape && rv is not Markup) rv = new Markup(PyFormat.Str(rv));
        if (names.Length == 0) return rv;
        var variables = new PyDict();
        for (var i = 0; i < names.Length; i++) variables[names[i]] = evaluated[i];
        return PyOps.Mod(rv, variables);
    }

    internal override void Bind(Binder binder)
    {
        function.Bind(binder);
        foreach (var v in values) v.Bind(binder);
    }
}
