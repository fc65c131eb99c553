using Kida.Syntax;
using Kida.Syntax.Expressions;

namespace Kida;

/// <summary>Message extraction for translators (Jinja2's <c>env.extract_translations</c>).</summary>
public sealed partial class TemplateEnvironment
{
    private static readonly string[] DefaultGettextFunctions = ["_", "gettext", "ngettext", "pgettext", "npgettext"];

    /// <summary>
    /// Finds the translatable messages of a template source, for building a <c>.pot</c> catalog: every
    /// <c>{% trans %}</c> tag (its message as translators see it, <c>%(name)s</c> placeholders and <c>%%</c> included,
    /// trimmed when the tag or <see cref="TemplateEnvironmentOptions.I18nTrimmed"/> says so) and every call of one of
    /// <paramref name="functions"/>, in source order. The template is parsed with this environment's settings but
    /// not cached, and the environment is not frozen by it.
    /// </summary>
    /// <param name="source">The template text.</param>
    /// <param name="functions">The function names to look for; default <c>_</c>, <c>gettext</c>, <c>ngettext</c>, <c>pgettext</c>, <c>npgettext</c>.</param>
    /// <param name="babelStyle">True (default): arguments that are not string literals are kept as null; false: only the string literals, and calls with none are skipped.</param>
    /// <exception cref="TemplateSyntaxException">The template does not parse.</exception>
    /// <example><code>
    /// foreach (var m in env.ExtractTranslations(File.ReadAllText("page.html")))
    ///     Console.WriteLine($"{m.Line} {m.Function} {string.Join(" | ", m.Strings)}");
    /// </code></example>
    public IReadOnlyList<ExtractedMessage> ExtractTranslations(string source, IEnumerable<string>? functions = null, bool babelStyle = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        var names = new HashSet<string>(functions ?? DefaultGettextFunctions, StringComparer.Ordinal);
        var template = Compilation.TemplateCompiler.Compile(this, source, null, null);
        var found = new List<(int Offset, ExtractedMessage Message)>();
        foreach (var node in SyntaxChildren.DescendantsAndSelf(template.Root))
        {
            (string Function, IEnumerable<string?> Args)? call = node switch
            {
                TransExpression t => (t.FunctionName, t.ExtractedArguments()),
                CallExpression { Callee: NameExpression callee } c when names.Contains(callee.Name) =>
                    (callee.Name, c.Arguments.Positional.Select(a => a is ConstantExpression { Value: string s } ? s : null)
                        .Concat(c.Arguments.Named.Select(_ => (string?)null))),
                _ => null,
            };
            if (call is not { } hit) continue;
            var strings = hit.Args.ToList();
            if (!babelStyle)
            {
                strings.RemoveAll(s => s is null);
                if (strings.Count == 0) continue;
            }
            found.Add((node.Span.Offset, new ExtractedMessage(node.Span.Line, hit.Function, strings)));
        }
        return [.. found.OrderBy(f => f.Offset).Select(f => f.Message)];
    }
}
