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
internal sealed class Lexer
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
                if (data.Length > 0) Add(TokenKind.Data, data.ToString(), dataStart, data.Length);
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
                while (i > 0 && data[i - 1] is ' ' or '\t') i--;
                var atLineStart = i == 0 ? IsLineStart(dataStart) : data[i - 1] == '\n';
                if (atLineStart) data = data[..i];
            }
            if (data.Length > 0) Add(TokenKind.Data, data.ToString(), dataStart, data.Length);

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
        var end = _source.IndexOf("#}", inner, StringComparison.Ordinal);
        if (end < 0) throw Error("missing end of comment tag '#}'", tagStart, 2);
        var stripAfter = end > inner && _source[end - 1] == '-';
        _pos = end + 2;
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
        if (j < _source.Length && _source[j] is '-' or '+') { stripStart = _source[j] == '-'; j++; }
        if (string.CompareOrdinal(_source, j, "%}", 0, 2) != 0) return false;
        var contentStart = j + 2;
        if (!stripStart && _options.TrimBlocks && contentStart < _source.Length && _source[contentStart] == '\n') contentStart++;

        // Find {% endraw %} with optional whitespace control.
        var k = contentStart;
        while (true)
        {
            var open = _source.IndexOf("{%", k, StringComparison.Ordinal);
            if (open < 0) throw Error("missing '{% endraw %}' for this raw block; the innermost open block is 'raw'", tagStart, 2);
            var p = open + 2;
            var stripEndBefore = p < _source.Length && _source[p] == '-';
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
                    else if (_options.LstripBlocks)
                    {
                        var t = content.Length;
                        while (t > 0 && content[t - 1] is ' ' or '\t') t--;
                        if (t == 0 ? IsLineStart(contentStart) : content[t - 1] == '\n') content = content[..t];
                    }
                    if (content.Length > 0) Add(TokenKind.Data, content.ToString(), contentStart, content.Length);
                    _pos = p + 2;
                    if (!stripEndAfter) ApplyTrimBlocks(plus);
                    stripAfter = stripEndAfter;
                    return true;
                }
            }
            k = open + 2;
        }
    }

    /// <summary>Lexes the inside of a tag up to its end; returns whether the end carried a '-' marker.</summary>
    private bool LexInside(TokenKind endKind, int tagStart)
    {
        var src = _source;
        var endChar = endKind == TokenKind.VariableEnd ? '}' : '%';
        var depth = 0; // brackets, so "}}" inside a dict literal is not mistaken for the tag end
        while (true)
        {
            while (_pos < src.Length && char.IsWhiteSpace(src[_pos])) _pos++;
            if (_pos >= src.Length)
            {
                var what = endKind == TokenKind.VariableEnd ? "'}}'" : "'%}'";
                throw Error($"unexpected end of template, expected {what} to close the tag opened here", tagStart, 2);
            }
            var c = src[_pos];
            if (depth == 0)
            {
                // End marker, possibly with "-" or "+" before it.
                if ((c == '-' || (c == '+' && endKind == TokenKind.BlockEnd)) && _pos + 2 < src.Length &&
                    src[_pos + 1] == endChar && src[_pos + 2] == '}')
                {
                    Add(endKind, endKind == TokenKind.VariableEnd ? "}}" : "%}", _pos, 3);
                    _pos += 3;
                    if (c == '-') return true;
                    if (endKind == TokenKind.BlockEnd) ApplyTrimBlocks(true);
                    return false;
                }
                if (c == endChar && _pos + 1 < src.Length && src[_pos + 1] == '}')
                {
                    Add(endKind, endKind == TokenKind.VariableEnd ? "}}" : "%}", _pos, 2);
                    _pos += 2;
                    if (endKind == TokenKind.BlockEnd) ApplyTrimBlocks(false);
                    return false;
                }
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = _pos;
                while (_pos < src.Length && (char.IsAsciiLetterOrDigit(src[_pos]) || src[_pos] == '_')) _pos++;
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

    private void LexNumber()
    {
        var src = _source;
        var start = _pos;
        while (_pos < src.Length && (char.IsAsciiDigit(src[_pos]) || (src[_pos] == '_' && _pos + 1 < src.Length && char.IsAsciiDigit(src[_pos + 1])))) _pos++;
        var isFloat = false;
        // "1.5" is a float, but "1..5" is a range and "x.0.1" is attribute access handled by the parser.
        if (_pos + 1 < src.Length && src[_pos] == '.' && char.IsAsciiDigit(src[_pos + 1]) && !PrecededByDot(start))
        {
            isFloat = true;
            _pos++;
            while (_pos < src.Length && (char.IsAsciiDigit(src[_pos]) || (src[_pos] == '_' && _pos + 1 < src.Length && char.IsAsciiDigit(src[_pos + 1])))) _pos++;
        }
        else if (_pos < src.Length && src[_pos] == '.' && !(_pos + 1 < src.Length && (src[_pos + 1] == '.' || char.IsAsciiLetter(src[_pos + 1]) || src[_pos + 1] == '_')) && !PrecededByDot(start))
        {
            isFloat = true; // "2." is a float
            _pos++;
        }
        if (_pos < src.Length && src[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < src.Length && src[_pos] is '+' or '-') _pos++;
            if (_pos < src.Length && char.IsAsciiDigit(src[_pos]))
            {
                while (_pos < src.Length && char.IsAsciiDigit(src[_pos])) _pos++;
                isFloat = true;
            }
            else _pos = save;
        }
        var text = src[start.._pos].Replace("_", "");
        if (isFloat)
        {
            Add(TokenKind.Float, text, start, _pos - start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        else
        {
            object value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                ? (object)l
                : BigInteger.Parse(text, CultureInfo.InvariantCulture);
            Add(TokenKind.Integer, text, start, _pos - start, value);
        }
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
                    case '\n': break; // line continuation
                    case 'x': sb.Append((char)ParseHex(2)); break;
                    case 'u': sb.Append((char)ParseHex(4)); break;
                    case 'U': sb.Append(char.ConvertFromUtf32(ParseHex(8))); break;
                    default: sb.Append('\\').Append(e); break; // Python keeps unknown escapes as written
                }
                continue;
            }
            sb.Append(c);
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
