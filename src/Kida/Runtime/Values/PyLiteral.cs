using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kida.Runtime.Values;

/// <summary>
/// Python's <c>ast.literal_eval(ast.parse(text, mode="eval"))</c> for the values the engine has: ints (long, or
/// BigInteger when larger), floats, strings (every quote form, prefix <c>r</c>/<c>u</c> and escape), True/False/None,
/// lists, tuples and dicts, nested, with unary +/- on numbers. Leading indentation on the first line fails as
/// Python's parser does. Sets, bytes, complex numbers and Ellipsis have no engine value: they fail, as do names,
/// operators, calls and unhashable dict keys.
/// </summary>
internal sealed class PyLiteral
{
    private readonly string _s;
    private int _pos;
    private int _depth; // bracket nesting: newlines are whitespace inside brackets

    private PyLiteral(string s) => _s = s;

    private sealed class Fail : Exception;

    /// <summary>Parses <paramref name="text"/>; false when Python would raise (or the value has no engine type).</summary>
    public static bool TryParse(string text, out object? value)
    {
        value = null;
        var p = new PyLiteral(text);
        try
        {
            if (!p.SkipLeading()) return false;
            value = p.ParseTopLevel();
            p.SkipSpace();
            if (p._pos != p._s.Length) return false;
            return true;
        }
        catch (Fail)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // Blank and comment lines before the expression are ignored; the first real line may not be indented.
    private bool SkipLeading()
    {
        while (true)
        {
            var lineStart = _pos;
            var indented = false;
            while (_pos < _s.Length && _s[_pos] is ' ' or '\t' or '\f')
            {
                if (_s[_pos] == '\f') indented = false; else indented = true;
                _pos++;
            }
            if (_pos < _s.Length && _s[_pos] == '#') while (_pos < _s.Length && _s[_pos] is not ('\n' or '\r')) _pos++;
            if (_pos >= _s.Length) return false; // nothing but blank lines: a syntax error
            if (_s[_pos] is '\n' or '\r') { _pos++; continue; }
            _ = lineStart;
            return !indented;
        }
    }

    private void SkipSpace()
    {
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (c is ' ' or '\t' or '\f') { _pos++; continue; }
            if (c == '#') { while (_pos < _s.Length && _s[_pos] is not ('\n' or '\r')) _pos++; continue; }
            if (c is '\n' or '\r')
            {
                if (_depth > 0) { _pos++; continue; }
                // Outside brackets a newline ends the expression: only blank lines may follow.
                var save = _pos;
                while (_pos < _s.Length && _s[_pos] is ' ' or '\t' or '\f' or '\n' or '\r') _pos++;
                if (_pos < _s.Length && _s[_pos] == '#') continue;
                if (_pos < _s.Length) _pos = save;
                return;
            }
            if (c == '\\' && _pos + 1 < _s.Length && _s[_pos + 1] is '\n' or '\r')
            {
                _pos += 2;
                if (_pos < _s.Length && _s[_pos - 1] == '\r' && _s[_pos] == '\n') _pos++;
                if (_pos >= _s.Length) throw new Fail(); // a continuation at the very end is a syntax error
                continue;
            }
            return;
        }
    }

    private char Peek()
    {
        SkipSpace();
        return _pos < _s.Length ? _s[_pos] : '\0';
    }

    private object? ParseTopLevel()
    {
        var first = ParseValue();
        if (Peek() != ',') return first;
        var items = new List<object?> { first };
        while (Peek() == ',')
        {
            _pos++;
            var c = Peek();
            if (c is '\0' or '\n' or '\r') break;
            items.Add(ParseValue());
        }
        return new PyTuple(items.ToArray());
    }

    private object? ParseValue()
    {
        var c = Peek();
        switch (c)
        {
            case '+' or '-':
                _pos++;
                var negate = c == '-';
                var operand = ParseValue();
                // Only a number literal may carry a sign (and only one): -True or --1 is not a literal.
                if (!_lastWasNumber) throw new Fail();
                _lastWasNumber = false;
                return negate ? Negate(operand) : operand;
            case '(':
                return ParseParenthesized();
            case '[':
                _pos++;
                _depth++;
                var list = ParseItems(']');
                _depth--;
                _lastWasNumber = false;
                return list;
            case '{':
                return ParseBraces();
            case '"' or '\'':
                return ParseStrings();
            case '\0':
                throw new Fail();
        }
        if (char.IsAsciiDigit(c) || c == '.' && _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1]))
        {
            var n = ParseNumber();
            _lastWasNumber = true;
            return n;
        }
        if (char.IsLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _s.Length && (char.IsLetterOrDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
            var word = _s[start.._pos];
            if (_pos < _s.Length && _s[_pos] is '"' or '\'')
            {
                // A string prefix: r, u, R, U (and combinations Python allows for str literals).
                var lower = word.ToLowerInvariant();
                if (lower is "r" or "u") return ParseStrings(start);
                throw new Fail(); // bytes, f-strings and unknown prefixes have no engine value
            }
            _lastWasNumber = false;
            return word switch
            {
                "True" => PyOps.Box(true),
                "False" => PyOps.Box(false),
                "None" => null,
                _ => throw new Fail(),
            };
        }
        throw new Fail();
    }

    private bool _lastWasNumber;

    private static object Negate(object? v) => v switch
    {
        long l => l == long.MinValue ? -(BigInteger)l : (object)(-l),
        BigInteger b => Normalize(-b),
        double d => -d,
        _ => throw new Fail(),
    };

    private static object Normalize(BigInteger b) => b >= long.MinValue && b <= long.MaxValue ? (long)b : b;

    private object? ParseParenthesized()
    {
        _pos++;
        _depth++;
        if (Peek() == ')') { _pos++; _depth--; _lastWasNumber = false; return new PyTuple(); }
        var first = ParseValue();
        var wasNumber = _lastWasNumber;
        if (Peek() == ')')
        {
            _pos++;
            _depth--;
            _lastWasNumber = wasNumber; // (1) is the constant 1: -(1) is -1
            return first;
        }
        var items = new List<object?> { first };
        while (Peek() == ',')
        {
            _pos++;
            if (Peek() == ')') break;
            items.Add(ParseValue());
        }
        if (Peek() != ')') throw new Fail();
        _pos++;
        _depth--;
        _lastWasNumber = false;
        return new PyTuple(items.ToArray());
    }

    private List<object?> ParseItems(char close)
    {
        var items = new List<object?>();
        while (true)
        {
            if (Peek() == close) { _pos++; return items; }
            items.Add(ParseValue());
            var c = Peek();
            if (c == ',') { _pos++; continue; }
            if (c == close) { _pos++; return items; }
            throw new Fail();
        }
    }

    private object ParseBraces()
    {
        _pos++;
        _depth++;
        var dict = new PyDict();
        if (Peek() == '}') { _pos++; _depth--; _lastWasNumber = false; return dict; }
        while (true)
        {
            var key = ParseValue();
            if (Peek() != ':') throw new Fail(); // a set, or not a literal
            _pos++;
            var value = ParseValue();
            // Unhashable keys (lists, dicts) raise TypeError in Python.
            if (key is List<object?> or PyDict || key is PyTuple t && ContainsUnhashable(t)) throw new Fail();
            dict[key ?? Syntax.Expressions.NoneKey.Instance] = value;
            var c = Peek();
            if (c == ',') { _pos++; if (Peek() == '}') { _pos++; break; } continue; }
            if (c == '}') { _pos++; break; }
            throw new Fail();
        }
        _depth--;
        _lastWasNumber = false;
        return dict;
    }

    private static bool ContainsUnhashable(PyTuple t)
    {
        for (var i = 0; i < t.Count; i++)
            if (t[i] is List<object?> or PyDict || t[i] is PyTuple inner && ContainsUnhashable(inner)) return true;
        return false;
    }

    // Adjacent string literals concatenate ('a' "b" → 'ab').
    private string ParseStrings(int? prefixStart = null)
    {
        var sb = new StringBuilder();
        var raw = prefixStart is { } ps && _s[ps.._pos].Contains('r', StringComparison.OrdinalIgnoreCase);
        ReadString(sb, raw);
        while (true)
        {
            var c = Peek();
            if (c is '"' or '\'') { ReadString(sb, false); continue; }
            if (char.IsLetter(c))
            {
                var start = _pos;
                while (_pos < _s.Length && char.IsLetter(_s[_pos])) _pos++;
                var word = _s[start.._pos].ToLowerInvariant();
                if (_pos < _s.Length && _s[_pos] is '"' or '\'' && word is "r" or "u") { ReadString(sb, word == "r"); continue; }
                throw new Fail();
            }
            break;
        }
        _lastWasNumber = false;
        return sb.ToString();
    }

    private void ReadString(StringBuilder sb, bool raw)
    {
        var quote = _s[_pos];
        var triple = _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote;
        _pos += triple ? 3 : 1;
        while (true)
        {
            if (_pos >= _s.Length) throw new Fail();
            var c = _s[_pos];
            if (c == quote)
            {
                if (!triple) { _pos++; return; }
                if (_pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote) { _pos += 3; return; }
                sb.Append(c);
                _pos++;
                continue;
            }
            if (c is '\n' or '\r' && !triple) throw new Fail();
            if (c == '\\')
            {
                if (_pos + 1 >= _s.Length) throw new Fail();
                if (raw)
                {
                    sb.Append(c).Append(_s[_pos + 1]);
                    _pos += 2;
                    continue;
                }
                _pos++;
                ReadEscape(sb);
                continue;
            }
            if (c == '\r')
            {
                // Python reads \r\n and \r in source as \n.
                sb.Append('\n');
                _pos += _pos + 1 < _s.Length && _s[_pos + 1] == '\n' ? 2 : 1;
                continue;
            }
            sb.Append(c);
            _pos++;
        }
    }

    private void ReadEscape(StringBuilder sb)
    {
        var e = _s[_pos++];
        switch (e)
        {
            case '\n': return;
            case '\r': if (_pos < _s.Length && _s[_pos] == '\n') _pos++; return;
            case '\\': sb.Append('\\'); return;
            case '\'': sb.Append('\''); return;
            case '"': sb.Append('"'); return;
            case 'a': sb.Append('\a'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'n': sb.Append('\n'); return;
            case 'r': sb.Append('\r'); return;
            case 't': sb.Append('\t'); return;
            case 'v': sb.Append('\v'); return;
            case 'x': AppendCodePoint(sb, Hex(2)); return;
            case 'u': AppendCodePoint(sb, Hex(4)); return;
            case 'U': AppendCodePoint(sb, Hex(8)); return;
            case 'N': throw new Fail(); // named escapes: no Unicode name table here
        }
        if (e is >= '0' and <= '7')
        {
            var value = e - '0';
            for (var i = 0; i < 2 && _pos < _s.Length && _s[_pos] is >= '0' and <= '7'; i++) value = value * 8 + (_s[_pos++] - '0');
            AppendCodePoint(sb, value);
            return;
        }
        // An unknown escape keeps its backslash (Python warns, but the value is "\q").
        sb.Append('\\').Append(e);
    }

    private int Hex(int digits)
    {
        if (_pos + digits > _s.Length) throw new Fail();
        var text = _s.Substring(_pos, digits);
        foreach (var ch in text) if (!char.IsAsciiHexDigit(ch)) throw new Fail();
        _pos += digits;
        return int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp > 0x10FFFF) throw new Fail();
        if (cp is >= 0xD800 and <= 0xDFFF) { sb.Append((char)cp); return; }
        sb.Append(char.ConvertFromUtf32(cp));
    }

    private object ParseNumber()
    {
        var start = _pos;
        if (_s[_pos] == '0' && _pos + 1 < _s.Length && _s[_pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(_s[_pos + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            _pos += 2;
            var digits = ReadDigits(c => radix == 16 ? char.IsAsciiHexDigit(c) : radix == 8 ? c is >= '0' and <= '7' : c is '0' or '1', allowLeadingUnderscore: true);
            if (digits.Length == 0) throw new Fail();
            EnsureNumberEnd();
            BigInteger value = 0;
            foreach (var ch in digits) value = value * radix + Convert.ToInt32(ch.ToString(), 16);
            return Normalize(value);
        }
        var intPart = ReadDigits(char.IsAsciiDigit, false);
        var isFloat = false;
        var frac = "";
        var exp = "";
        if (_pos < _s.Length && _s[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            if (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) frac = ReadDigits(char.IsAsciiDigit, false);
        }
        if (_pos < _s.Length && _s[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            var sign = "";
            if (_pos < _s.Length && _s[_pos] is '+' or '-') sign = _s[_pos++].ToString();
            if (_pos >= _s.Length || !char.IsAsciiDigit(_s[_pos])) { _pos = save; throw new Fail(); }
            exp = "e" + sign + ReadDigits(char.IsAsciiDigit, false);
            isFloat = true;
        }
        if (_pos < _s.Length && _s[_pos] is 'j' or 'J') throw new Fail(); // complex numbers have no engine value
        EnsureNumberEnd();
        if (isFloat)
        {
            var text = (intPart.Length == 0 ? "0" : intPart) + "." + (frac.Length == 0 ? "0" : frac) + exp;
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        // "01" is a syntax error; "00" is 0.
        if (intPart.Length > 1 && intPart[0] == '0' && intPart.Any(ch => ch != '0')) throw new Fail();
        _ = start;
        return Normalize(BigInteger.Parse(intPart, CultureInfo.InvariantCulture));
    }

    private void EnsureNumberEnd()
    {
        if (_pos < _s.Length && (char.IsLetterOrDigit(_s[_pos]) || _s[_pos] == '_' || _s[_pos] == '.')) throw new Fail();
    }

    // Digits with single underscores between them (1_000); a trailing or doubled underscore is a syntax error.
    private string ReadDigits(Func<char, bool> isDigit, bool allowLeadingUnderscore)
    {
        var sb = new StringBuilder();
        if (allowLeadingUnderscore && _pos < _s.Length && _s[_pos] == '_') _pos++;
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (isDigit(c)) { sb.Append(c); _pos++; continue; }
            if (c == '_' && sb.Length > 0 && _pos + 1 < _s.Length && isDigit(_s[_pos + 1])) { _pos++; continue; }
            if (c == '_') throw new Fail();
            break;
        }
        return sb.ToString();
    }
}
