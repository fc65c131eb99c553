using System.Text;
using Kida.Diagnostics;
using Kida.Lexing;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;

namespace Kida.Parsing;

/// <summary>
/// <c>{% trans %}…{% pluralize %}…{% endtrans %}</c>, parsed the way Jinja2 3.1's <c>jinja2.ext.i18n</c> does
/// (<c>InternationalizationExtension.parse</c>): the body becomes one gettext message with <c>%(name)s</c>
/// placeholders, and the tag becomes one call of <c>gettext</c>/<c>ngettext</c>/<c>pgettext</c>/<c>npgettext</c>.
/// </summary>
internal sealed partial class Parser
{
    private Statement ParseTrans()
    {
        var start = _tokens.Next();
        string? context = null;
        if (_tokens.Current.Kind == TokenKind.String) context = _tokens.Next().Value;

        var names = new List<string>();
        var values = new List<Expression>();
        int pluralIndex = -1;
        var numCalledNum = false;
        bool? trimmed = null;
        while (_tokens.Current.Kind != TokenKind.BlockEnd)
        {
            if (names.Count > 0) ExpectOperator(",");
            if (_tokens.SkipIfOperator(":")) break; // Jinja2 skips a colon "for python compatibility"
            var token = Expect(TokenKind.Name);
            if (names.Contains(token.Value))
                throw Error($"translatable variable '{token.Value}' defined twice.", token);
            Expression value;
            if (_tokens.Current.IsOperator("="))
            {
                _tokens.Next();
                value = ParseExpression();
            }
            else if (trimmed is null && token.Value is "trimmed" or "notrimmed")
            {
                trimmed = token.Value == "trimmed";
                continue;
            }
            else
            {
                value = new NameExpression(token.Value, token.Span);
            }
            names.Add(token.Value);
            values.Add(value);
            if (pluralIndex < 0)
            {
                pluralIndex = names.Count - 1;
                numCalledNum = token.Value == "num";
            }
        }
        Expect(TokenKind.BlockEnd);

        var referenced = new List<string>();
        var singular = ParseTransBody(start, allowPluralize: true, referenced);
        if (referenced.Count > 0 && pluralIndex < 0)
        {
            // The first name used in the body counts (it joins the variables below).
            pluralIndex = -2;
            numCalledNum = referenced[0] == "num";
        }
        var singularFirst = referenced.Count > 0 ? referenced[0] : null;

        string? plural = null;
        var havePlural = false;
        string? pluralName = null;
        if (_tokens.Current.IsName("pluralize"))
        {
            havePlural = true;
            _tokens.Next();
            if (_tokens.Current.Kind != TokenKind.BlockEnd)
            {
                var token = Expect(TokenKind.Name);
                if (!names.Contains(token.Value))
                    throw Error($"unknown variable '{token.Value}' for pluralization", token);
                pluralName = token.Value;
                numCalledNum = token.Value == "num";
            }
            Expect(TokenKind.BlockEnd);
            plural = ParseTransBody(start, allowPluralize: false, referenced);
        }
        _tokens.Next(); // endtrans
        Expect(TokenKind.BlockEnd);

        var varsReferenced = referenced.Count > 0;
        foreach (var name in referenced)
        {
            if (names.Contains(name)) continue;
            names.Add(name);
            values.Add(new NameExpression(name, start.Span));
        }
        if (pluralName is not null) pluralIndex = names.IndexOf(pluralName);
        else if (pluralIndex == -2) pluralIndex = names.IndexOf(singularFirst!);
        if (!havePlural) pluralIndex = -1;
        else if (pluralIndex < 0) throw Error("pluralize without variables", start);

        if ((trimmed ?? _environment.Options.I18nTrimmed))
        {
            singular = TrimTransWhitespace(singular);
            if (!string.IsNullOrEmpty(plural)) plural = TrimTransWhitespace(plural);
        }
        var newstyle = _environment.NewstyleGettext;
        if (!varsReferenced && !newstyle)
        {
            singular = singular.Replace("%%", "%", StringComparison.Ordinal);
            plural = plural?.Replace("%%", "%", StringComparison.Ordinal);
        }
        var function = (havePlural ? "n" : "") + (context is null ? "" : "p") + "gettext";
        var node = new TransExpression(new NameExpression(function, start.Span), context, singular, plural, [.. names], [.. values],
            pluralIndex, numCalledNum && havePlural, newstyle, start.Span);
        return new OutputStatement(node, start.Span);
    }

    /// <summary>Jinja2's <c>_parse_block</c>: the text up to <c>endtrans</c> (or <c>pluralize</c>), names as <c>%(name)s</c>.</summary>
    private string ParseTransBody(Token start, bool allowPluralize, List<string> referenced)
    {
        var buf = new StringBuilder();
        while (true)
        {
            var t = _tokens.Current;
            switch (t.Kind)
            {
                case TokenKind.Data:
                    buf.Append(t.Value.Replace("%", "%%", StringComparison.Ordinal));
                    _tokens.Next();
                    break;
                case TokenKind.VariableBegin:
                    _tokens.Next();
                    var name = Expect(TokenKind.Name).Value;
                    referenced.Add(name);
                    buf.Append("%(").Append(name).Append(")s");
                    Expect(TokenKind.VariableEnd);
                    break;
                case TokenKind.BlockBegin:
                    _tokens.Next();
                    var tag = _tokens.Current;
                    var blockName = tag.Kind == TokenKind.Name ? tag.Value : null;
                    if (blockName is "endtrans" or "end") return buf.ToString(); // Kida's {% end %} closes any block
                    if (blockName == "pluralize")
                    {
                        if (allowPluralize) return buf.ToString();
                        throw Error("a translatable section can have only one pluralize section", tag);
                    }
                    if (blockName == "trans") throw Error("trans blocks can't be nested; did you mean `endtrans`?", tag);
                    throw Error($"control structures in translatable sections are not allowed; saw `{blockName ?? "None"}`", tag);
                case TokenKind.Eof:
                    throw Error("unclosed translation block", t, ErrorCode.UnclosedBlock);
                default:
                    throw Error($"unexpected {t.Describe()} in a translatable section", t);
            }
        }
    }

    /// <summary>Jinja2's <c>_trim_whitespace</c>: strip, then every run of whitespace holding a newline becomes one space.</summary>
    internal static string TrimTransWhitespace(string text)
    {
        text = text.Trim();
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i])) { sb.Append(text[i++]); continue; }
            var j = i;
            var newline = false;
            while (j < text.Length && char.IsWhiteSpace(text[j])) { if (text[j] == '\n') newline = true; j++; }
            if (newline) sb.Append(' ');
            else sb.Append(text, i, j - i);
            i = j;
        }
        return sb.ToString();
    }
}
