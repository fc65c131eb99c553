using System.Globalization;
using System.Numerics;
using System.Text;
using Kida.Diagnostics;

namespace Kida.Lexing;

/// <summary>
/// Splits template text into tokens: literal data, and the tokens inside <c>{{ }}</c> and <c>{% %}</c>.
/// Comments and <c>raw</c> blocks are resolved here, as are whitespace control (<c>-</c>, <c>+</c>),
/// <c>trim_blocks</c> and <c>lstrip_blocks</c>.
/// </summary>
internal sealed partial class Lexer
{
    private static readonly string[] Operators =
    [
        // Longest first so that e.g. "?|>" wins over "?|" and "**" over "*".
        "...", "??=", "?|>", "//", "**", "==", "!=", "<=", ">=", "|>", "?|", "??", "?.", "?[", "..",
        "+", "-", "*", "/", "%", "~", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=", "<", ">", "!", ";",
    ];

    private readonly string _source;
    private readonly string? _name;
    private readonly LexerOptions _options;
    private readonly int[] _lineStarts;
    private readonly List<Token> _tokens;
    private int _pos;

    // Tokens are made in source order, so their line is found by walking forward from the previous one.
    private int _line;

    private Lexer(string source, string? name, LexerOptions options)
    {
        _source = source;
        _name = name;
        _options = options;
        var starts = new List<int>(source.Length / 32 + 1) { 0 };
        for (var i = source.IndexOf('\n'); i >= 0; i = source.IndexOf('\n', i + 1)) starts.Add(i + 1);
        _lineStarts = starts.ToArray();
        _tokens = new List<Token>(source.Length / 6 + 4);
    }

    /// <summary>Normalises newlines (and the trailing newline) the way Jinja2 does before lexing.</summary>
    public static string PrepareSource(string source, bool keepTrailingNewline)
    {
        if (source.Contains('\r')) source = source.Replace("\r\n", "\n").Replace('\r', '\n');
        if (!keepTrailingNewline && source.EndsWith('\n')) source = source[..^1];
        return source;
    }

    public static List<Token> Tokenize(string source, string? name, LexerOptions options)
    {
        var lexer = new Lexer(source, name, options);
        lexer.Run();
        return lexer._tokens;
    }

    public SourceSpan SpanAt(int offset, int length)
    {
        var starts = _lineStarts;
        var line = _line;
        if (starts[line] > offset)
        {
            line = Array.BinarySearch(starts, offset);
            if (line < 0) line = ~line - 1;
        }
        else
        {
            while (line + 1 < starts.Length && starts[line + 1] <= offset) line++;
        }
        _line = line;
        return new SourceSpan(offset, length, line + 1, offset - starts[line] + 1);
    }

    private TemplateSyntaxException Error(string message, int offset, int length = 1)
    {
        var e = new TemplateSyntaxException(message, ErrorCode.LexerError);
        e.Locate(_name, SpanAt(offset, length), _source);
        return e;
    }

    private void Add(TokenKind kind, string value, int offset, int length, object? literal = null)
    {
        if (_tokens.Count >= _options.MaxTokens)
            throw Error($"template has more than {_options.MaxTokens} tokens", offset);
        _tokens.Add(new Token(kind, value, SpanAt(offset, length), literal));
    }

    private void Run()
    {
        if (_options.Syntax is { } syntax)
        {
            RunConfigured(syntax);
            return;
        }
        var src = _source;
        var stripNextLeading = false; // set by "-%}" style markers
        while (_pos < src.Length)
        {
            var tagStart = FindTagStart(_pos);
            var dataEnd = tagStart < 0 ? src.Length : tagStart;
            var dataStart = _pos;
            var data = src.AsSpan(dataStart, dataEnd - dataStart);
            if (stripNextLeading)
            {
                var trimmed = data.TrimStart();
                dataStart += data.Length - trimmed.Length;
                data = trimmed;
                stripNextLeading = false;
            }
            if (tagStart < 0)
            {
                if (data.Length > 0) AddData(data, dataStart);
                _pos = src.Length;
                break;
            }

            var kind = src[tagStart + 1]; // '{', '%' or '#'
            var marker = tagStart + 2 < src.Length ? src[tagStart + 2] : '\0';
            var stripBefore = marker == '-';
            var keepBefore = marker == '+';
            if (stripBefore)
            {
                data = data.TrimEnd();
            }
            else if (_options.LstripBlocks && !keepBefore && kind is '%' or '#')
            {
                // lstrip_blocks: drop spaces/tabs between the line start and the tag.
                var i = data.Length;
                while (i > 0 && IsBlank(data[i - 1])) i--;
                var atLineStart = i == 0 ? IsLineStart(dataStart) : data[i - 1] == '\n';
                if (atLineStart) data = data[..i];
            }
            if (data.Length > 0) AddData(data, dataStart);

            var inner = tagStart + 2 + (stripBefore || keepBefore ? 1 : 0);
            switch (kind)
            {
                case '#':
                    stripNextLeading = LexComment(tagStart, inner);
                    break;
                case '{':
                    Add(TokenKind.VariableBegin, "{{", tagStart, inner - tagStart);
                    _pos = inner;
                    stripNextLeading = LexInside(TokenKind.VariableEnd, tagStart);
                    break;
                default:
                    if (TryLexRaw(tagStart, inner, out var stripAfterRaw))
                    {
                        stripNextLeading = stripAfterRaw;
                        break;
                    }
                    Add(TokenKind.BlockBegin, "{%", tagStart, inner - tagStart);
                    _pos = inner;
                    stripNextLeading = LexInside(TokenKind.BlockEnd, tagStart);
                    break;
            }
        }
        Add(TokenKind.Eof, "", src.Length, 0);
    }

    private bool IsLineStart(int offset) => offset == 0 || _source[offset - 1] == '\n';

    /// <summary>Whitespace that lstrip_blocks removes before a tag (Jinja2's <c>\s</c>, the line's own newline aside).</summary>
    private static bool IsBlank(char c) => c != '\n' && char.IsWhiteSpace(c);

    private bool At(int offset, string text) => _source.AsSpan(offset).StartsWith(text, StringComparison.Ordinal);

    /// <summary>Adds template data, its newlines written as the configured <c>newline_sequence</c>.</summary>
    private void AddData(ReadOnlySpan<char> data, int offset)
    {
        var value = data.ToString();
        var newline = _options.NewlineSequence;
        if (!ReferenceEquals(newline, "\n") && newline != "\n" && data.Contains('\n')) value = value.Replace("\n", newline);
        Add(TokenKind.Data, value, offset, data.Length);
    }

    private int FindTagStart(int from)
    {
        var src = _source;
        var i = from;
        while (true)
        {
            i = src.IndexOf('{', i);
            if (i < 0 || i + 1 >= src.Length) return -1;
            var c = src[i + 1];
            if (c is '{' or '%' or '#') return i;
            i++;
        }
    }

    /// <summary>Skips a comment; returns whether the following data loses its leading whitespace.</summary>
    private bool LexComment(int tagStart, int inner)
    {
        var commentEnd = _options.Delimiters.CommentEnd;
        var end = _source.IndexOf(commentEnd, inner, StringComparison.Ordinal);
        if (end < 0) throw Error($"missing end of comment tag '{commentEnd}'", tagStart, 2);
        var stripAfter = end > inner && _source[end - 1] == '-';
        _pos = end + commentEnd.Length;
        if (!stripAfter) ApplyTrimBlocks(_source[end - 1] == '+' && end > inner);
        return stripAfter;
    }

    private void ApplyTrimBlocks(bool suppressed)
    {
        if (_options.TrimBlocks && !suppressed && _pos < _source.Length && _source[_pos] == '\n') _pos++;
    }

    /// <summary>Recognises <c>{% raw %}…{% endraw %}</c> and emits its content as data, unparsed.</summary>
    private bool TryLexRaw(int tagStart, int inner, out bool stripAfter)
    {
        stripAfter = false;
        var i = inner;
        while (i < _source.Length && char.IsWhiteSpace(_source[i])) i++;
        if (string.CompareOrdinal(_source, i, "raw", 0, 3) != 0) return false;
        var j = i + 3;
        if (j < _source.Length && (char.IsLetterOrDigit(_source[j]) || _source[j] == '_')) return false;
        while (j < _source.Length && char.IsWhiteSpace(_source[j])) j++;
        var stripStart = false;
        // Jinja2's raw_begin: "-%}" or "%}" only ("+%}" makes it an unknown 'raw' tag), and trim_blocks does not
        // apply after it.
        if (j < _source.Length && _source[j] == '-') { stripStart = true; j++; }
        if (string.CompareOrdinal(_source, j, "%}", 0, 2) != 0) return false;
        var contentStart = j + 2;

        // Find {% endraw %} with optional whitespace control.
        var k = contentStart;
        while (true)
        {
            var open = _source.IndexOf("{%", k, StringComparison.Ordinal);
            if (open < 0) throw Error("missing '{% endraw %}' for this raw block; the innermost open block is 'raw'", tagStart, 2);
            var p = open + 2;
            var stripEndBefore = p < _source.Length && _source[p] == '-';
            var keepEndBefore = p < _source.Length && _source[p] == '+'; // "{%+ endraw": no lstrip_blocks
            if (p < _source.Length && _source[p] is '-' or '+') p++;
            while (p < _source.Length && char.IsWhiteSpace(_source[p])) p++;
            if (string.CompareOrdinal(_source, p, "endraw", 0, 6) == 0)
            {
                p += 6;
                while (p < _source.Length && char.IsWhiteSpace(_source[p])) p++;
                var stripEndAfter = false;
                var plus = false;
                if (p < _source.Length && _source[p] is '-' or '+') { stripEndAfter = _source[p] == '-'; plus = _source[p] == '+'; p++; }
                if (string.CompareOrdinal(_source, p, "%}", 0, 2) == 0)
                {
                    var content = _source.AsSpan(contentStart, open - contentStart);
                    if (stripStart) content = content.TrimStart();
                    if (stripEndBefore) content = content.TrimEnd();
                    else if (_options.LstripBlocks && !keepEndBefore)
                    {
                        var t = content.Length;
                        while (t > 0 && IsBlank(content[t - 1])) t--;
                        if (t == 0 ? IsLineStart(contentStart) : content[t - 1] == '\n') content = content[..t];
                    }
                    if (content.Length > 0) AddData(content, contentStart);
                    _pos = p + 2;
                    if (!stripEndAfter) ApplyTrimBlocks(plus);
                    stripAfter = stripEndAfter;
                    return true;
                }
            }
            k = open + 2;
        }
    }

    /// <summary>
    /// Lexes the inside of a tag up to its end; returns whether the end carried a '-' marker. A line statement
    /// (<paramref name="lineStatement"/>) ends, as in Jinja2, at the first newline outside brackets, taking every
    /// blank line after it (<c>\s*(\n|$)</c>).
    /// </summary>
    private bool LexInside(TokenKind endKind, int tagStart, bool lineStatement = false)
    {
        var src = _source;
        var end = endKind == TokenKind.VariableEnd ? _options.Delimiters.VariableEnd : _options.Delimiters.BlockEnd;
        var endChar = end[0];
        var depth = 0; // brackets, so "}}" inside a dict literal is not mistaken for the tag end
        while (true)
        {
            if (lineStatement && depth == 0 && TryLineStatementEnd()) return false;
            while (_pos < src.Length && char.IsWhiteSpace(src[_pos])) _pos++;
            if (_pos >= src.Length)
            {
                if (lineStatement) throw Error("unexpected end of template, a bracket of this line statement is still open", tagStart, 1);
                throw Error($"unexpected end of template, expected '{end}' to close the tag opened here", tagStart, 2);
            }
            var c = src[_pos];
            if (depth == 0 && !lineStatement)
            {
                // End marker, possibly with "-" or "+" before it.
                if ((c == '-' || (c == '+' && endKind == TokenKind.BlockEnd)) && _pos + 1 < src.Length &&
                    src[_pos + 1] == endChar && At(_pos + 1, end))
                {
                    Add(endKind, end, _pos, end.Length + 1);
                    _pos += end.Length + 1;
                    if (c == '-') return true;
                    if (endKind == TokenKind.BlockEnd) ApplyTrimBlocks(true);
                    return false;
                }
                if (c == endChar && At(_pos, end))
                {
                    Add(endKind, end, _pos, end.Length);
                    _pos += end.Length;
                    if (endKind == TokenKind.BlockEnd) ApplyTrimBlocks(false);
                    return false;
                }
            }
            if (char.IsAsciiLetter(c) || c == '_' || (c > '\x7f' && _options.UnicodeNames && UnicodeNames.IsStart(src, _pos)))
            {
                var start = _pos;
                while (_pos < src.Length && (char.IsAsciiLetterOrDigit(src[_pos]) || src[_pos] == '_')) _pos++;
                if (_pos < src.Length && src[_pos] > '\x7f' && _options.UnicodeNames) _pos = UnicodeNames.End(src, _pos);
                Add(TokenKind.Name, src[start.._pos], start, _pos - start);
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                LexNumber();
                continue;
            }
            if (c is '"' or '\'')
            {
                LexString(c);
                continue;
            }
            var op = MatchOperator();
            if (op is null) throw Error($"unexpected character '{c}'", _pos);
            // ".." after a number-less context is a range; "?." etc. are Kida null-safe forms.
            if (op is "(" or "[" or "{" or "?[") depth++;
            else if (op is ")" or "]" or "}")
            {
                if (depth == 0) throw Error($"unexpected '{op}'", _pos);
                depth--;
            }
            Add(TokenKind.Operator, op, _pos, op.Length);
            _pos += op.Length;
        }
    }

    private string? MatchOperator()
    {
        var src = _source;
        var c = src[_pos];
        var next = _pos + 1 < src.Length ? src[_pos + 1] : '\0';
        // Single-character operators that never start a longer one: no table scan.
        switch (c)
        {
            case '(': return "(";
            case ')': return ")";
            case '[': return "[";
            case ']': return "]";
            case '{': return "{";
            case '}': return "}";
            case ',': return ",";
            case ':': return ":";
            case '~': return "~";
            case '%': return "%";
            case '+': return "+";
            case '-': return "-";
            case ';': return ";";
            case '|': return next == '>' ? "|>" : "|";
            case '=': return next == '=' ? "==" : "=";
            case '<': return next == '=' ? "<=" : "<";
            case '>': return next == '=' ? ">=" : ">";
            case '!': return next == '=' ? "!=" : "!";
            case '*': return next == '*' ? "**" : "*";
            case '/': return next == '/' ? "//" : "/";
        }
        foreach (var op in Operators)
            if (op[0] == c && string.CompareOrdinal(src, _pos, op, 0, op.Length) == 0)
                return op;
        return null;
    }

    /// <summary>
    /// Jinja2's number rules (<c>float_re</c> first, then <c>integer_re</c>): <c>1_000</c>, <c>1.5</c>, <c>1e3</c>,
    /// <c>1_0.5_0e-1_0</c>, <c>0x1F</c>, <c>0o17</c>, <c>0b101</c> (any case, <c>_</c> after the prefix), <c>0</c> and
    /// <c>00</c>; a float never starts right after a dot (<c>x.0.1</c> is two lookups). What the rules do not take is
    /// left for the next token, so <c>01</c>, <c>1_</c> and <c>1e</c> end up syntax errors in the parser as in Jinja2.
    /// The Kida dialect also reads <c>2.</c> as a float.
    /// </summary>
    private void LexNumber()
    {
        var src = _source;
        var start = _pos;
        var isFloat = false;
        if (!PrecededByDot(start))
        {
            var p = SkipDigitGroups(start);
            var frac = p < src.Length && src[p] == '.' ? SkipDigitGroups(p + 1) : -1;
            var afterFrac = frac > p + 1 ? frac : p;
            var exp = afterFrac < src.Length && src[afterFrac] is 'e' or 'E' ? Exponent(afterFrac) : -1;
            if (exp > 0) { _pos = exp; isFloat = true; }
            else if (frac > p + 1) { _pos = frac; isFloat = true; }
            else if (_options.TrailingDotFloats && p < src.Length && src[p] == '.' &&
                     !(p + 1 < src.Length && (src[p + 1] == '.' || char.IsAsciiLetter(src[p + 1]) || src[p + 1] == '_')))
            {
                _pos = p + 1; // Kida: "2." is a float
                isFloat = true;
            }
        }
        if (isFloat)
        {
            var text = src[start.._pos].Replace("_", "");
            Add(TokenKind.Float, text, start, _pos - start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            return;
        }

        var radix = 10;
        if (src[start] == '0' && start + 1 < src.Length)
        {
            radix = char.ToLowerInvariant(src[start + 1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 };
            if (radix != 10)
            {
                // 0x(_?[0-9a-f])+ and friends; "0x" without a digit is the integer 0 followed by a name.
                var p = start + 2;
                while (true)
                {
                    var q = p < src.Length && src[p] == '_' ? p + 1 : p;
                    if (q < src.Length && IsDigitIn(src[q], radix)) p = q + 1;
                    else break;
                }
                if (p > start + 2)
                {
                    _pos = p;
                    AddInteger(start, src.AsSpan(start + 2, p - start - 2), radix);
                    return;
                }
                radix = 10;
            }
        }
        // [1-9](_?\d)* or 0(_?0)*
        var zero = src[start] == '0';
        var i = start + 1;
        while (true)
        {
            var q = i < src.Length && src[i] == '_' ? i + 1 : i;
            if (q < src.Length && (zero ? src[q] == '0' : char.IsAsciiDigit(src[q]))) i = q + 1;
            else break;
        }
        _pos = i;
        AddInteger(start, src.AsSpan(start, i - start), 10);
    }

    /// <summary>End of <c>(\d+_)*\d+</c> from <paramref name="p"/>, or <paramref name="p"/> when no digit is there.</summary>
    private int SkipDigitGroups(int p)
    {
        var src = _source;
        if (p >= src.Length || !char.IsAsciiDigit(src[p])) return p;
        while (true)
        {
            while (p < src.Length && char.IsAsciiDigit(src[p])) p++;
            if (p + 1 < src.Length && src[p] == '_' && char.IsAsciiDigit(src[p + 1])) p++;
            else return p;
        }
    }

    /// <summary>End of <c>e[+-]?(\d+_)*\d+</c> at <paramref name="e"/>, or -1.</summary>
    private int Exponent(int e)
    {
        var p = e + 1;
        if (p < _source.Length && _source[p] is '+' or '-') p++;
        var end = SkipDigitGroups(p);
        return end > p ? end : -1;
    }

    private static bool IsDigitIn(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };

    private void AddInteger(int start, ReadOnlySpan<char> digits, int radix)
    {
        object value;
        if (radix == 10)
        {
            var text = digits.ToString().Replace("_", "");
            value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                ? (object)l
                : BigInteger.Parse(text, CultureInfo.InvariantCulture);
        }
        else
        {
            var big = BigInteger.Zero;
            foreach (var c in digits)
                if (c != '_') big = big * radix + (char.IsAsciiDigit(c) ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10);
            value = big >= long.MinValue && big <= long.MaxValue ? (long)big : big;
        }
        Add(TokenKind.Integer, _source[start.._pos].Replace("_", ""), start, _pos - start, value);
    }

    private bool PrecededByDot(int start) => start > 0 && _source[start - 1] == '.' && !(start > 1 && _source[start - 2] == '.');

    private void LexString(char quote)
    {
        var src = _source;
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= src.Length) throw Error("unterminated string literal", start);
            var c = src[_pos];
            if (c == quote) { _pos++; break; }
            if (c == '\\' && _pos + 1 < src.Length)
            {
                var e = src[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case 'a': sb.Append('\a'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'v': sb.Append('\v'); break;
                    case '0': sb.Append('\0'); break;
                    case '\n' when _options.NewlineSequence != "\n": sb.Append('\\').Append(_options.NewlineSequence); break; // Python: "\\\r" is no escape
                    case '\n': break; // line continuation
                    case 'x': sb.Append((char)ParseHex(2)); break;
                    case 'u': sb.Append((char)ParseHex(4)); break;
                    case 'U': sb.Append(char.ConvertFromUtf32(ParseHex(8))); break;
                    default: sb.Append('\\').Append(e); break; // Python keeps unknown escapes as written
                }
                continue;
            }
            if (c == '\n' && _options.NewlineSequence != "\n") sb.Append(_options.NewlineSequence); // Jinja2 normalises a string's newlines
            else sb.Append(c);
            _pos++;
        }
        var value = sb.ToString();
        Add(TokenKind.String, value, start, _pos - start, value);
    }

    private int ParseHex(int digits)
    {
        if (_pos + digits > _source.Length ||
            !int.TryParse(_source.AsSpan(_pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
            throw Error($"truncated \\x/\\u escape: expected {digits} hex digits", _pos);
        _pos += digits;
        return v;
    }
}
