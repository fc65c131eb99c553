using System.Text.RegularExpressions;

namespace Kida.Lexing;

/// <summary>
/// The root state for custom delimiters and line statements/comments, following Jinja2's lexer rule by rule
/// (<see cref="LexerSyntax"/>). Default configurations never come here: <see cref="Run"/> keeps its fast
/// <c>IndexOf('{')</c> scan.
/// </summary>
internal sealed partial class Lexer
{
    private void RunConfigured(LexerSyntax syntax)
    {
        var src = _source;
        while (_pos < src.Length)
        {
            var m = syntax.Root.Match(src, _pos);
            if (!m.Success)
            {
                AddData(src.AsSpan(_pos), _pos);
                _pos = src.Length;
                break;
            }
            var rule = MatchedRule(m, syntax);
            var tag = m.Groups[rule];
            var sign = m.Groups[rule + "_sign"].Value;
            var text = m.Groups["text"];
            AddRootText(text.Index, text.Length, sign, lstrip: rule != LexerSyntax.Variable);
            var tagStart = tag.Index;
            _pos = tag.Index + tag.Length;
            switch (rule)
            {
                case LexerSyntax.Raw:
                    LexRawConfigured(syntax, tagStart);
                    break;
                case LexerSyntax.Comment:
                    if (LexComment(tagStart, _pos)) SkipWhitespace();
                    break;
                case LexerSyntax.Variable:
                    Add(TokenKind.VariableBegin, "{{", tagStart, tag.Length);
                    if (LexInside(TokenKind.VariableEnd, tagStart)) SkipWhitespace();
                    break;
                case LexerSyntax.Block:
                    Add(TokenKind.BlockBegin, "{%", tagStart, tag.Length);
                    if (LexInside(TokenKind.BlockEnd, tagStart)) SkipWhitespace();
                    break;
                case LexerSyntax.LineStatement:
                    Add(TokenKind.BlockBegin, "{%", tagStart, tag.Length);
                    LexInside(TokenKind.BlockEnd, tagStart, lineStatement: true);
                    break;
                default: // line comment: up to, not including, the end of the line
                    var eol = src.IndexOf('\n', _pos);
                    _pos = eol < 0 ? src.Length : eol;
                    break;
            }
        }
        Add(TokenKind.Eof, "", src.Length, 0);
    }

    private static string MatchedRule(Match m, LexerSyntax syntax)
    {
        if (m.Groups[LexerSyntax.Raw].Success) return LexerSyntax.Raw;
        foreach (var name in syntax.RuleNames)
            if (m.Groups[name].Success) return name;
        throw new InvalidOperationException("lexer: no root rule matched");
    }

    /// <summary>
    /// Emits the data before a tag with Jinja2's <c>OptionalLStrip</c>: <c>-</c> strips all trailing whitespace;
    /// otherwise, with lstrip_blocks and not before an output tag, blanks between the line start and the tag go.
    /// </summary>
    private void AddRootText(int start, int length, string sign, bool lstrip)
    {
        var text = _source.AsSpan(start, length);
        if (sign == "-")
        {
            text = text.TrimEnd();
        }
        else if (sign != "+" && lstrip && _options.LstripBlocks)
        {
            var lineStart = text.LastIndexOf('\n') + 1;
            if ((lineStart > 0 || IsLineStart(start)) && lineStart < text.Length)
            {
                var blank = true;
                foreach (var c in text[lineStart..]) blank &= char.IsWhiteSpace(c);
                if (blank) text = text[..lineStart];
            }
        }
        if (text.Length > 0) AddData(text, start);
    }

    /// <summary>After <c>raw_begin</c>: the content up to <c>endraw</c> is data, unparsed.</summary>
    private void LexRawConfigured(LexerSyntax syntax, int tagStart)
    {
        var m = syntax.RawEnd.Match(_source, _pos);
        if (!m.Success)
            throw Error($"missing '{_options.Delimiters.BlockStart} endraw {_options.Delimiters.BlockEnd}' for this raw block; the innermost open block is 'raw'", tagStart, _options.Delimiters.BlockStart.Length);
        var text = m.Groups["text"];
        AddRootText(text.Index, text.Length, m.Groups["sign"].Value, lstrip: true);
        _pos = m.Index + m.Length;
    }

    /// <summary>Jinja2's line statement end, <c>\s*(\n|$)</c>: blanks up to and including the last newline of the run.</summary>
    private bool TryLineStatementEnd()
    {
        var src = _source;
        var p = _pos;
        var lastNewline = -1;
        while (p < src.Length && char.IsWhiteSpace(src[p]))
        {
            if (src[p] == '\n') lastNewline = p;
            p++;
        }
        int end;
        if (p >= src.Length) end = src.Length;
        else if (lastNewline >= 0) end = lastNewline + 1;
        else return false;
        Add(TokenKind.BlockEnd, "%}", _pos, end - _pos);
        _pos = end;
        return true;
    }

    private void SkipWhitespace()
    {
        while (_pos < _source.Length && char.IsWhiteSpace(_source[_pos])) _pos++;
    }
}
