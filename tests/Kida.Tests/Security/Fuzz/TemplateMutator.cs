using System.Text;

namespace Kida.Tests.Security.Fuzz;

/// <summary>Builds fuzz inputs: mutations of real templates, random syntax-heavy text, and generated deep nesting.</summary>
public static class TemplateMutator
{
    /// <summary>Fragments that matter to the lexer and parser.</summary>
    public static readonly string[] Tokens =
    [
        "{{", "}}", "{%", "%}", "{#", "#}", "{{-", "-}}", "{%-", "-%}", "|", "'", "\"", "(", ")", "[", "]", "{", "}", ",", ":",
        ".", "=", "==", "~", "+", "-", "*", "**", "/", "//", "%", "?.", "??", "?|", "\\", "\n", " ", "\0", "é", "\ud800",
        "if", "else", "elif", "endif", "for", "in", "endfor", "recursive", "loop", "loop(", "block", "endblock", "extends",
        "include", "import", "from", "macro", "endmacro", "call", "endcall", "caller()", "set", "endset", "with", "endwith",
        "filter", "endfilter", "raw", "endraw", "not", "and", "or", "is", "none", "None", "true", "1e308", "-0", "99999999999999999999",
        "range(", "range(1000)", "super()", "self", "user", "items", "s", "thing", "cyclic", "fn", "fn()", "thing.Method()",
        "thing.GetType()", "thing.Kind", "|safe", "|e", "|tojson", "|xmlattr", "|urlize", "|format(", "|join", "|map(", "|attr(",
        "|sort", "|batch(", "|slice(", "|indent(", "|center(", "|truncate(", "|wordwrap(", "|replace(", "|int", "|float",
        "|string", "|list", "|dictsort", "|groupby(", "|sum", "|round(", "|pprint", "'%s'", "'{}'.format(", "* 100000",
    ];

    public static string Mutate(string source, Random rng, int mutations)
    {
        var sb = new StringBuilder(source);
        for (var m = 0; m < mutations; m++)
        {
            var at = sb.Length == 0 ? 0 : rng.Next(sb.Length + 1);
            switch (rng.Next(7))
            {
                case 0:
                case 1:
                    sb.Insert(at, Tokens[rng.Next(Tokens.Length)]);
                    break;
                case 2:
                    if (sb.Length > 0) sb.Remove(Math.Min(at, sb.Length - 1), Math.Min(1 + rng.Next(8), sb.Length - Math.Min(at, sb.Length - 1)));
                    break;
                case 3:
                    if (sb.Length > 0)
                    {
                        var start = rng.Next(sb.Length);
                        var len = Math.Min(1 + rng.Next(40), sb.Length - start);
                        sb.Insert(rng.Next(sb.Length + 1), sb.ToString(start, len));
                    }
                    break;
                case 4:
                    if (sb.Length > 0) sb[Math.Min(at, sb.Length - 1)] = (char)rng.Next(32, 127);
                    break;
                case 5:
                    // Remove a whole token occurrence (unbalances delimiters the way humans do).
                    var token = Tokens[rng.Next(20)];
                    var idx = sb.ToString().IndexOf(token, StringComparison.Ordinal);
                    if (idx >= 0) sb.Remove(idx, token.Length);
                    break;
                default:
                    sb.Insert(at, RandomText(rng, rng.Next(1, 12)));
                    break;
            }
        }
        return sb.ToString();
    }

    public static string RandomText(Random rng, int length)
    {
        const string alphabet = "{}%#()[]|'\"-+*/~.,:=<>!? abcdefxyz0123456789_\n\t\\";
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            sb.Append(rng.Next(10) == 0 ? (char)rng.Next(0, 128) : alphabet[rng.Next(alphabet.Length)]);
        return sb.ToString();
    }

    /// <summary>A generated template: random statements and expressions, sometimes nested very deep.</summary>
    public static string Generate(Random rng)
    {
        var sb = new StringBuilder();
        var depth = rng.Next(10) == 0 ? rng.Next(50, 400) : rng.Next(1, 6);
        Statement(sb, rng, depth);
        return sb.ToString();
    }

    private static void Statement(StringBuilder sb, Random rng, int depth)
    {
        if (depth <= 0) { sb.Append("{{ ").Append(Expr(rng, 3)).Append(" }}"); return; }
        switch (rng.Next(9))
        {
            case 0: sb.Append("{% if ").Append(Expr(rng, 2)).Append(" %}"); Statement(sb, rng, depth - 1); sb.Append("{% else %}x{% endif %}"); break;
            case 1: sb.Append("{% for i in ").Append(Expr(rng, 2)).Append(" %}"); Statement(sb, rng, depth - 1); sb.Append("{% endfor %}"); break;
            case 2: sb.Append("{% macro m(a, b=1) %}"); Statement(sb, rng, depth - 1); sb.Append("{% endmacro %}{{ m(").Append(Expr(rng, 2)).Append(") }}"); break;
            case 3: sb.Append("{% set v = ").Append(Expr(rng, 3)).Append(" %}"); Statement(sb, rng, depth - 1); break;
            case 4: sb.Append("{% filter upper %}"); Statement(sb, rng, depth - 1); sb.Append("{% endfilter %}"); break;
            case 5: sb.Append("{% for n in [cyclic] recursive %}{{ n.name }}{{ loop(n.children) }}{% endfor %}"); break;
            case 6: sb.Append("{{ ").Append(new string('(', depth)).Append(Expr(rng, 1)).Append(new string(')', depth)).Append(" }}"); break;
            case 7: sb.Append("{{ s").Append(string.Concat(Enumerable.Repeat("|e", depth))).Append(" }}"); break;
            default: sb.Append("{% include 'inc.html' %}"); Statement(sb, rng, depth - 1); break;
        }
    }

    private static readonly string[] Atoms = ["1", "0", "-1", "2.5", "'a'", "\"<b>\"", "none", "true", "x", "s", "user", "users", "items", "d", "thing", "n", "big", "range(10)", "[]", "{}", "(1, 2)", "loop", "undefined_name"];
    private static readonly string[] Binary = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "<", "and", "or", "in"];
    private static readonly string[] Filters = ["upper", "e", "safe", "length", "first", "list", "sort", "join(',')", "tojson", "int", "string", "default('d')", "reverse", "sum", "xmlattr", "urlize", "pprint", "batch(2)", "dictsort", "items"];

    private static string Expr(Random rng, int depth)
    {
        if (depth <= 0) return Atoms[rng.Next(Atoms.Length)];
        return rng.Next(7) switch
        {
            0 => $"{Expr(rng, depth - 1)} {Binary[rng.Next(Binary.Length)]} {Expr(rng, depth - 1)}",
            1 => $"{Expr(rng, depth - 1)}|{Filters[rng.Next(Filters.Length)]}",
            2 => $"[{Expr(rng, depth - 1)}, {Expr(rng, depth - 1)}]",
            3 => $"{Expr(rng, depth - 1)}.{(rng.Next(3) == 0 ? "GetType()" : "name")}",
            4 => $"{Expr(rng, depth - 1)}[{Expr(rng, depth - 1)}]",
            5 => $"({Expr(rng, depth - 1)} if {Expr(rng, depth - 1)} else {Expr(rng, depth - 1)})",
            _ => $"not {Expr(rng, depth - 1)}",
        };
    }
}
