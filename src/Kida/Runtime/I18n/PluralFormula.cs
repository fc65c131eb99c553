using System.Globalization;

namespace Kida.Runtime.I18n;

/// <summary>
/// The <c>plural=</c> expression of a gettext <c>Plural-Forms</c> header, compiled once into a function of n: the C
/// subset gettext (and Python's <c>gettext.c2py</c>) accepts — <c>n</c>, decimal integers, parentheses, <c>! * / %
/// + - &lt; &lt;= &gt; &gt;= == != &amp;&amp; || ?:</c> with C's precedence, comparisons yielding 0 or 1; <c>/</c> and
/// <c>%</c> floor as in Python's gettext, which only differs from C for negative intermediate values.
/// </summary>
internal static class PluralFormula
{
    /// <summary>Compiles <paramref name="expression"/>; throws <see cref="TranslationCatalogException"/> when it is not of that subset.</summary>
    public static Func<long, long> Compile(string expression)
    {
        var p = new FormulaParser(expression);
        var f = p.Ternary();
        p.SkipSpace();
        if (p.Pos != expression.Length) throw new TranslationCatalogException($"unexpected '{expression[p.Pos]}' in plural formula '{expression}'");
        return f;
    }

    /// <summary>Reads <c>nplurals</c> and <c>plural</c> from a Plural-Forms value such as <c>nplurals=2; plural=(n != 1);</c>.</summary>
    public static (int Count, Func<long, long> Plural) Parse(string pluralForms)
    {
        int? count = null;
        Func<long, long>? plural = null;
        foreach (var part in pluralForms.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) continue;
            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (key == "nplurals") count = int.Parse(value, CultureInfo.InvariantCulture);
            else if (key == "plural") plural = Compile(value);
        }
        if (count is null || plural is null) throw new TranslationCatalogException($"Plural-Forms must give nplurals and plural: '{pluralForms}'");
        return (count.Value, plural);
    }

    private sealed class FormulaParser(string s)
    {
        public int Pos;
        private int _depth;

        public void SkipSpace()
        {
            while (Pos < s.Length && char.IsWhiteSpace(s[Pos])) Pos++;
        }

        private bool Take(string op)
        {
            SkipSpace();
            if (string.CompareOrdinal(s, Pos, op, 0, op.Length) != 0) return false;
            // "<" must not swallow the first character of "<=", nor "!" of "!=", nor "=" alone be taken.
            if (op is "<" or ">" or "!" && Pos + 1 < s.Length && s[Pos + 1] == '=') return false;
            Pos += op.Length;
            return true;
        }

        public Func<long, long> Ternary()
        {
            if (++_depth > 100) throw new TranslationCatalogException("plural formula is nested too deeply");
            var cond = Binary(0);
            if (Take("?"))
            {
                var a = Ternary();
                if (!Take(":")) throw new TranslationCatalogException($"expected ':' in plural formula '{s}'");
                var b = Ternary();
                _depth--;
                return n => cond(n) != 0 ? a(n) : b(n);
            }
            _depth--;
            return cond;
        }

        private static readonly string[][] Levels =
        [
            ["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"],
        ];

        private Func<long, long> Binary(int level)
        {
            if (level == Levels.Length) return Unary();
            var left = Binary(level + 1);
            while (true)
            {
                var op = Levels[level].FirstOrDefault(Take);
                if (op is null) return left;
                var right = Binary(level + 1);
                var l = left;
                left = op switch
                {
                    "||" => n => l(n) != 0 || right(n) != 0 ? 1 : 0,
                    "&&" => n => l(n) != 0 && right(n) != 0 ? 1 : 0,
                    "==" => n => l(n) == right(n) ? 1 : 0,
                    "!=" => n => l(n) != right(n) ? 1 : 0,
                    "<=" => n => l(n) <= right(n) ? 1 : 0,
                    ">=" => n => l(n) >= right(n) ? 1 : 0,
                    "<" => n => l(n) < right(n) ? 1 : 0,
                    ">" => n => l(n) > right(n) ? 1 : 0,
                    "+" => n => l(n) + right(n),
                    "-" => n => l(n) - right(n),
                    "*" => n => l(n) * right(n),
                    "/" => n => FloorDiv(l(n), right(n)),
                    _ => n => FloorMod(l(n), right(n)),
                };
            }
        }

        // Python's gettext (the reference) evaluates / and % as Python's floor division and modulo.
        private static long FloorDiv(long a, long b)
        {
            if (b == 0) throw new DivideByZeroException("plural formula divides by zero");
            var q = a / b;
            return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
        }

        private static long FloorMod(long a, long b)
        {
            if (b == 0) throw new DivideByZeroException("plural formula divides by zero");
            var r = a % b;
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        }

        private Func<long, long> Unary()
        {
            if (Take("!"))
            {
                var inner = Unary();
                return n => inner(n) == 0 ? 1 : 0;
            }
            if (Take("-"))
            {
                var inner = Unary();
                return n => -inner(n);
            }
            if (Take("("))
            {
                var inner = Ternary();
                if (!Take(")")) throw new TranslationCatalogException($"expected ')' in plural formula '{s}'");
                return inner;
            }
            SkipSpace();
            if (Pos < s.Length && s[Pos] == 'n')
            {
                Pos++;
                return n => n;
            }
            var start = Pos;
            while (Pos < s.Length && char.IsAsciiDigit(s[Pos])) Pos++;
            if (start == Pos) throw new TranslationCatalogException($"unexpected {(Pos < s.Length ? $"'{s[Pos]}'" : "end")} in plural formula '{s}'");
            var value = long.Parse(s.AsSpan(start, Pos - start), CultureInfo.InvariantCulture);
            return _ => value;
        }
    }
}
