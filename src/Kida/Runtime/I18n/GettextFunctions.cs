using System.Numerics;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;

namespace Kida.Runtime.I18n;

/// <summary>
/// The template-callable <c>gettext</c>, <c>ngettext</c>, <c>pgettext</c>, <c>npgettext</c> and <c>_</c> over an
/// <see cref="ITranslations"/>, in Jinja2's two styles. Old style: plain functions returning the translation.
/// Newstyle (<c>_make_new_gettext</c> and friends): keyword arguments are <c>%</c>-formatted into the translation
/// (always, so <c>%%</c> is always a literal percent), <c>num</c> and <c>context</c> are filled in by default, and the
/// result is Markup when the calling template autoescapes, so the variables are escaped.
/// </summary>
internal static class GettextFunctions
{
    public static readonly string[] Names = ["gettext", "ngettext", "pgettext", "npgettext"];

    /// <summary>Jinja2's <c>_gettext_alias</c>: calls whatever <c>gettext</c> resolves to where it is called.</summary>
    public static readonly TemplateFunction Alias = args =>
        args.Context is { } ctx
            ? CallExpression.Invoke(ctx, ctx.Lookup("gettext"), args)
            : throw new TemplateRuntimeException("_() can only be called from a template");

    public static void Install(IDictionary<string, object?> globals, ITranslations t, bool newstyle, bool hasContextForms = true)
    {
        var isNull = t is NullTranslations;
        globals["gettext"] = (TemplateFunction)(args =>
        {
            Arity(args, 1, "gettext", newstyle);
            var msg = args.Positional[0];
            var rv = Translate(msg, isNull, s => t.Gettext(s));
            return newstyle ? Format(args, rv) : rv;
        });
        globals["ngettext"] = (TemplateFunction)(args =>
        {
            Arity(args, 3, "ngettext", newstyle);
            var n = args.Positional[2];
            var rv = Plural(args.Positional[0], args.Positional[1], n, isNull, (s, p, c) => t.NGettext(s, p, c));
            return newstyle ? Format(args, rv, ("num", n)) : rv;
        });
        if (!hasContextForms)
        {
            globals["pgettext"] = null;
            globals["npgettext"] = null;
            return;
        }
        globals["pgettext"] = (TemplateFunction)(args =>
        {
            Arity(args, 2, "pgettext", newstyle);
            var c = args.Positional[0];
            var rv = Translate(args.Positional[1], isNull, s => t.PGettext(PyFormat.Str(c), s));
            return newstyle ? Format(args, rv, ("context", c)) : rv;
        });
        globals["npgettext"] = (TemplateFunction)(args =>
        {
            Arity(args, 4, "npgettext", newstyle);
            var c = args.Positional[0];
            var n = args.Positional[3];
            var rv = Plural(args.Positional[1], args.Positional[2], n, isNull, (s, p, k) => t.NPGettext(PyFormat.Str(c), s, p, k));
            return newstyle ? Format(args, rv, ("context", c), ("num", n)) : rv;
        });
    }

    /// <summary>
    /// Jinja2's <c>install_gettext_callables</c> with template functions: old style installs them as they are; newstyle
    /// wraps each so it is called with the positional arguments only (and the caller's render, for
    /// <see cref="CallArguments.TryResolve"/>) and its result is formatted with the keywords.
    /// </summary>
    public static void InstallFunctions(IDictionary<string, object?> globals, TemplateFunction gettext, TemplateFunction ngettext,
        TemplateFunction? pgettext, TemplateFunction? npgettext, bool newstyle)
    {
        globals["gettext"] = Wrap(gettext, 1, "gettext", newstyle, _ => []);
        globals["ngettext"] = Wrap(ngettext, 3, "ngettext", newstyle, a => [("num", a.Positional[2])]);
        globals["pgettext"] = pgettext is null ? null : Wrap(pgettext, 2, "pgettext", newstyle, a => [("context", a.Positional[0])]);
        globals["npgettext"] = npgettext is null ? null
            : Wrap(npgettext, 4, "npgettext", newstyle, a => [("context", a.Positional[0]), ("num", a.Positional[3])]);
    }

    private static TemplateFunction Wrap(TemplateFunction f, int arity, string name, bool newstyle, Func<CallArguments, (string, object?)[]> defaults)
    {
        if (!newstyle) return f;
        return args =>
        {
            Arity(args, arity, name, newstyle);
            var rv = f(new CallArguments([.. args.Positional], null, args.Context));
            return Format(args, rv, defaults(args));
        };
    }

    public static void Uninstall(IDictionary<string, object?> globals)
    {
        foreach (var n in Names) globals.Remove(n);
    }

    private static void Arity(CallArguments args, int count, string name, bool newstyle)
    {
        if (args.Positional.Count != count)
            throw new TemplateRuntimeException($"{name}() takes {count} positional argument{(count == 1 ? "" : "s")} but {args.Positional.Count} were given");
        if (!newstyle && args.Named.Count > 0)
            throw new TemplateRuntimeException($"{name}() got an unexpected keyword argument '{args.Named[0].Key}' (keyword formatting needs newstyle gettext)");
    }

    /// <summary>A string message is translated; anything else comes back as it is when nothing translates (Python's catalog lookup).</summary>
    private static object? Translate(object? message, bool isNull, Func<string, string> translate)
    {
        if (message is Undefined u) u.ThrowIfStrict();
        if (isNull) return message;
        return message switch
        {
            string s => translate(s),
            Markup m => translate(m.Value) is var r && r == m.Value ? m : r,
            _ => translate(PyFormat.Str(message)),
        };
    }

    private static object? Plural(object? singular, object? plural, object? n, bool isNull, Func<string, string, long, string> translate)
    {
        if (isNull) return PyOps.Eq(n, 1L) ? singular : plural; // NullTranslations: `msgid1 if n == 1 else msgid2`
        return translate(PyFormat.Str(singular), PyFormat.Str(plural), ToCount(n));
    }

    /// <summary>The plural count as an integer (Python's gettext refuses anything that is not a number).</summary>
    internal static long ToCount(object? n) => n switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => (long)Math.Truncate(d),
        BigInteger big => big > long.MaxValue ? long.MaxValue : big < long.MinValue ? long.MinValue : (long)big,
        Undefined u => throw u.ToException(),
        _ => throw new TemplateRuntimeException($"Plural value must be an integer, got {PyFormat.TypeName(n)}"),
    };

    private static object? Format(CallArguments args, object? rv, params (string Key, object? Value)[] defaults)
    {
        var variables = new PyDict();
        foreach (var kv in args.Named) variables[kv.Key] = kv.Value;
        foreach (var (key, value) in defaults)
            if (!variables.ContainsKey(key)) variables[key] = value;
        if (args.Autoescape && rv is not Markup) rv = new Markup(PyFormat.Str(rv));
        return PyOps.Mod(rv is Markup ? rv : PyFormat.Str(rv), variables);
    }
}
