using Kida.Diagnostics;
using Kida.Lexing;
using Kida.Runtime;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;

namespace Kida.Parsing;

internal sealed partial class Parser
{
    internal static readonly HashSet<string> KnownTags =
    [
        "if", "for", "set", "with", "macro", "def", "call", "filter", "block", "extends", "include", "import", "from",
        "autoescape", "do", "break", "continue", "raw",
        "unless", "while", "match", "slot", "region", "fragment", "globals", "imports", "provide", "cache", "try",
        "capture", "spaceless", "push", "embed", "trans",
    ];

    /// <summary>Parses one <c>{% tag … %}</c>; the cursor is on the tag name.</summary>
    private Statement ParseStatement()
    {
        var tag = _tokens.Current;
        switch (tag.Value)
        {
            case "if": return ParseIf();
            case "for": return ParseFor();
            case "set": return ParseSet();
            case "with": return ParseWith();
            case "macro":
            case "def": return ParseMacro();
            case "call": return ParseCallBlock();
            case "filter": return ParseFilterBlock();
            case "block": return ParseBlock();
            case "extends": return ParseExtends();
            case "include": return ParseInclude();
            case "import": return ParseImport();
            case "from": return ParseFromImport();
            case "autoescape": return ParseAutoescape();
            case "trans": return ParseTrans();
            case "do":
                _tokens.Next();
                var e = ParseTuple();
                Expect(TokenKind.BlockEnd);
                return new DoStatement(e, tag.Span);
            case "break":
            case "continue":
                _tokens.Next();
                if (_loopDepth == 0) throw Error($"'{tag.Value}' is only allowed inside a for loop", tag);
                Expect(TokenKind.BlockEnd);
                return new LoopControlStatement(tag.Value == "break", tag.Span);
        }
        if (ParseKidaStatement(tag) is { } kida) return kida;
        if (_environment.Options.SpanTags is { Count: > 0 } spanTags && spanTags.Contains(tag.Value)) return ParseSpanTag();
        if (_open.Count > 0 && (tag.Value.StartsWith("end", StringComparison.Ordinal) || tag.Value is "elif" or "else" or "empty"))
        {
            var (openTag, openToken, ends) = _open.Peek();
            throw Error(
                $"unexpected '{tag.Value}'; expected {DescribeTags(ends)} to close the '{openTag}' block opened at line {openToken.Span.Line}",
                tag, ErrorCode.UnclosedBlock);
        }
        if (tag.Value == "end" || tag.Value.StartsWith("end", StringComparison.Ordinal) && KnownTags.Contains(tag.Value[3..]))
            throw Error($"unexpected '{tag.Value}': there is no open block to close", tag);
        var hint = tag.Value switch
        {
            "elif" or "else" => $"'{tag.Value}' is only valid inside an if block",
            _ => null,
        };
        throw Error(hint ?? $"unknown tag '{tag.Value}'", tag, ErrorCode.UnknownTag);
    }

    private IfStatement ParseIf()
    {
        var start = _tokens.Next();
        var conditions = new List<Expression>();
        var bodies = new List<StatementList>();
        StatementList? otherwise = null;
        var current = start;
        while (true)
        {
            conditions.Add(ParseTuple());
            ExpectBodyStart();
            bodies.Add(ScopeIfKida(ParseBody("if", start, "endif", "elif", "else")));
            var end = _tokens.Current;
            if (end.Kind == TokenKind.Name && end.Value == "elif")
            {
                _tokens.Next();
                continue;
            }
            if (end.Kind == TokenKind.Name && end.Value == "else")
            {
                _tokens.Next();
                ExpectBodyStart();
                otherwise = ScopeIfKida(ParseBody("if", start, "endif"));
            }
            break;
        }
        return new IfStatement(conditions.ToArray(), bodies.ToArray(), otherwise, start.Span);
    }

    private ForStatement ParseFor()
    {
        var start = _tokens.Next();
        var target = ParseAssignTarget(extraEndName: "in");
        Expect(TokenKind.Name, "in");
        var iterable = ParseTuple(withCondExpr: false, extraEndName: "recursive");
        Expression? filter = null;
        if (_tokens.SkipIfName("if")) filter = ParseExpression();
        var recursive = _tokens.SkipIfName("recursive");
        ExpectBodyStart();
        _loopDepth++;
        var body = ParseBody("for", start, "endfor", "else", "empty");
        _loopDepth--;
        StatementList? otherwise = null;
        if (_tokens.Current.Kind == TokenKind.Name && _tokens.Current.Value is "else" or "empty")
        {
            _tokens.Next();
            ExpectBodyStart();
            otherwise = ParseBody("for", start, "endfor");
        }
        return new ForStatement(target, iterable, filter, body, otherwise, recursive, start.Span);
    }

    private Statement ParseSet()
    {
        var start = _tokens.Next();
        var target = ParseAssignTarget(withNamespace: true);
        if (_tokens.SkipIfOperator("="))
        {
            var value = ParseTuple();
            Expect(TokenKind.BlockEnd);
            return new SetStatement(target, value, start.Span);
        }
        var filters = new List<FilterExpression>();
        while (_tokens.Current.IsOperator("|") || _tokens.Current.IsOperator("|>"))
        {
            _tokens.Next();
            filters.Add(ParseFilterCall(null));
        }
        ExpectBodyStart();
        var body = ParseBody("set", start, "endset");
        return new SetBlockStatement(target, filters.ToArray(), body, start.Span);
    }

    private Statement ParseWith()
    {
        var start = _tokens.Next();
        var jinjaForm = HasTopLevelAssignment();
        if (!jinjaForm) return ParseConditionalWith(start);
        var targets = new List<AssignTarget>();
        var values = new List<Expression>();
        while (_tokens.Current.Kind != TokenKind.BlockEnd)
        {
            if (targets.Count > 0) ExpectOperator(",");
            targets.Add(ParseAssignTarget());
            ExpectOperator("=");
            values.Add(ParseExpression());
        }
        ExpectBodyStart();
        var body = ParseBody("with", start, "endwith");
        return new WithStatement(targets.ToArray(), values.ToArray(), body, start.Span);
    }

    /// <summary>Whether the tag holds an <c>=</c> outside brackets: Jinja2's <c>with a = 1</c> rather than Kida's <c>with expr as name</c>.</summary>
    private bool HasTopLevelAssignment()
    {
        if (_tokens.Current.Kind == TokenKind.BlockEnd) return true;
        var depth = 0;
        for (var i = 0; ; i++)
        {
            var t = _tokens.Peek(i);
            if (t.Kind is TokenKind.BlockEnd or TokenKind.Eof) return false;
            if (t.IsOperator("(") || t.IsOperator("[") || t.IsOperator("{")) depth++;
            else if (t.IsOperator(")") || t.IsOperator("]") || t.IsOperator("}")) depth--;
            else if (depth == 0 && t.IsOperator("=")) return true;
        }
    }

    private MacroStatement ParseMacro()
    {
        var start = _tokens.Next();
        var nameToken = Expect(TokenKind.Name);
        var (parameters, defaults) = ParseSignature(required: true, out var annotations, out var varargs, out var kwargs);
        ExpectBodyStart();
        var saved = _loopDepth;
        _loopDepth = 0;
        _functionKinds.Push("def");
        var isRegion = start.Value == "region";
        var body = isRegion
            ? ParseBody("region", start, "endregion")
            : ParseBody(start.Value, start, start.Value == "def" ? "enddef" : "endmacro", start.Value == "def" ? "endmacro" : "enddef");
        _functionKinds.Pop();
        _loopDepth = saved;
        var signature = new MacroSignature(nameToken.Value, parameters, defaults, body) { Annotations = annotations, IsRegion = isRegion, VarargsName = varargs, KwargsName = kwargs };
        return new MacroStatement(new NameTarget(nameToken.Value, nameToken.Span), signature, start.Span);
    }

    /// <summary>
    /// <c>(a, b=1, c: str = "x", *args, **kwargs)</c>. Type annotations (Kida) are parsed and skipped;
    /// <c>*args</c>/<c>**kwargs</c> names are accepted as Jinja2's <c>varargs</c>/<c>kwargs</c>.
    /// </summary>
    private (string[] Names, Expression?[] Defaults) ParseSignature(bool required) => ParseSignature(required, out _, out _, out _);

    private (string[] Names, Expression?[] Defaults) ParseSignature(bool required, out string?[] annotations, out string varargs, out string kwargs)
    {
        varargs = "varargs";
        kwargs = "kwargs";
        var names = new List<string>();
        var defaults = new List<Expression?>();
        var types = new List<string?>();
        annotations = [];
        if (!_tokens.Current.IsOperator("("))
        {
            if (required) ExpectOperator("(");
            return ([], []);
        }
        _tokens.Next();
        while (!_tokens.Current.IsOperator(")"))
        {
            if (names.Count > 0 || _tokens.Current.IsOperator(",")) ExpectOperator(",");
            if (_tokens.Current.IsOperator(")")) break;
            if (_tokens.Current.IsOperator("*") || _tokens.Current.IsOperator("**"))
            {
                var star = _tokens.Next();
                var starName = Expect(TokenKind.Name).Value;
                if (star.Value == "*") varargs = starName;
                else kwargs = starName;
                continue;
            }
            var p = Expect(TokenKind.Name);
            if (names.Contains(p.Value)) throw Error($"duplicate parameter '{p.Value}'", p);
            types.Add(_tokens.SkipIfOperator(":") ? ParseTypeAnnotation() : null);
            names.Add(p.Value);
            if (_tokens.SkipIfOperator("=")) defaults.Add(ParseExpression());
            else
            {
                if (defaults.Count > 0 && defaults[^1] is not null)
                    throw Error("non-default argument follows default argument", p);
                defaults.Add(null);
            }
        }
        ExpectOperator(")");
        annotations = types.ToArray();
        return (names.ToArray(), defaults.ToArray());
    }

    /// <summary>Reads a Kida type annotation (<c>str</c>, <c>list[str] | None</c>) and returns its source text; it is metadata only.</summary>
    private string? ParseTypeAnnotation()
    {
        var depth = 0;
        int from = -1, to = -1;
        while (true)
        {
            var t = _tokens.Current;
            if (t.Kind is TokenKind.BlockEnd or TokenKind.Eof) break;
            if (depth == 0 && (t.IsOperator(",") || t.IsOperator("=") || t.IsOperator(")"))) break;
            if (t.IsOperator("(") || t.IsOperator("[")) depth++;
            if (t.IsOperator(")") || t.IsOperator("]")) depth--;
            if (from < 0) from = t.Span.Offset;
            to = t.Span.Offset + t.Span.Length;
            _tokens.Next();
        }
        if (from < 0) throw Error("expected a type name after ':'", _tokens.Current);
        return _source[from..Math.Min(to, _source.Length)];
    }

    private CallBlockStatement ParseCallBlock()
    {
        var start = _tokens.Next();
        var (parameters, defaults) = _tokens.Current.IsOperator("(") ? ParseSignature(required: false) : ([], []);
        var callExpr = ParseExpression();
        if (callExpr is not CallExpression call) throw Error("expected a call after 'call', such as {% call macro() %}", start);
        ExpectBodyStart();
        var saved = _loopDepth;
        _loopDepth = 0;
        _functionKinds.Push("call");
        var body = ParseBody("call", start, "endcall");
        _functionKinds.Pop();
        _loopDepth = saved;
        // Kida: {% slot name %}…{% end %} written directly in the call body supplies a named slot; the rest is the default.
        var named = body.Items.OfType<SlotFillStatement>().Select(f => f.Slot).ToArray();
        if (named.Length > 0) body = new StatementList(body.Items.Where(i => i is not SlotFillStatement).ToArray(), body.Span);
        var callerSignature = new MacroSignature("caller", parameters, defaults, body) { IsCallerBody = true };
        return new CallBlockStatement(call, callerSignature, start.Span) { NamedSlots = named };
    }

    private FilterBlockStatement ParseFilterBlock()
    {
        var start = _tokens.Next();
        var filters = new List<FilterExpression> { ParseFilterCall(null) };
        while (_tokens.Current.IsOperator("|") || _tokens.Current.IsOperator("|>"))
        {
            _tokens.Next();
            filters.Add(ParseFilterCall(null));
        }
        ExpectBodyStart();
        var body = ParseBody("filter", start, "endfilter");
        return new FilterBlockStatement(filters.ToArray(), body, start.Span);
    }

    private BlockStatement ParseBlock()
    {
        var start = _tokens.Next();
        var name = Expect(TokenKind.Name);
        var scoped = false;
        var required = false;
        Expression? guard = null;
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (_tokens.Current.Kind == TokenKind.Name)
        {
            if (_tokens.Current.Value == "if")
            {
                _tokens.Next();
                guard = ParseExpression();
                break;
            }
            if (_tokens.Peek().IsOperator("="))
            {
                var key = _tokens.Next();
                _tokens.Next();
                var value = ParsePrimary();
                if (!value.IsConstant) throw Error("block metadata values must be literals", key);
                metadata[key.Value] = value.Eval(null!);
                continue;
            }
            if (_tokens.SkipIfName("scoped")) scoped = true;
            else if (_tokens.SkipIfName("required")) required = true;
            else throw Error($"unexpected {_tokens.Current.Describe()} in block tag", _tokens.Current);
        }
        ExpectBodyStart();
        var saved = _loopDepth;
        _loopDepth = 0;
        _open.Push(("block", start, ["endblock"]));
        var body = Subparse(["endblock"], out _);
        _open.Pop();
        _loopDepth = saved;
        _tokens.Next();
        if (_tokens.Current.Kind == TokenKind.Name)
        {
            var closing = _tokens.Next();
            if (closing.Value != name.Value)
                throw Error($"mismatched block name: '{closing.Value}' closes block '{name.Value}'", closing);
        }
        Expect(TokenKind.BlockEnd);
        return new BlockStatement(name.Value, body, scoped, required, start.Span) { Guard = guard, Metadata = metadata };
    }

    private ExtendsStatement ParseExtends()
    {
        var start = _tokens.Next();
        var parent = ParseExpression();
        Expect(TokenKind.BlockEnd);
        return new ExtendsStatement(parent, start.Span);
    }

    private bool ParseContextModifier(bool defaultValue)
    {
        if (_tokens.Current.Kind == TokenKind.Name && _tokens.Current.Value is "with" or "without" &&
            _tokens.Peek().IsName("context"))
        {
            var with = _tokens.Next().Value == "with";
            _tokens.Next();
            return with;
        }
        return defaultValue;
    }

    private IncludeStatement ParseInclude()
    {
        var start = _tokens.Next();
        var name = ParseExpression();
        var ignoreMissing = false;
        if (_tokens.Current.IsName("ignore") && _tokens.Peek().IsName("missing"))
        {
            _tokens.Next();
            _tokens.Next();
            ignoreMissing = true;
        }
        var withContext = ParseContextModifier(true);
        Expect(TokenKind.BlockEnd);
        return new IncludeStatement(name, ignoreMissing, withContext, start.Span);
    }

    private ImportStatement ParseImport()
    {
        var start = _tokens.Next();
        var name = ParseExpression();
        Expect(TokenKind.Name, "as");
        var alias = Expect(TokenKind.Name);
        var withContext = ParseContextModifier(false);
        Expect(TokenKind.BlockEnd);
        return new ImportStatement(name, new NameTarget(alias.Value, alias.Span), withContext, start.Span);
    }

    private FromImportStatement ParseFromImport()
    {
        var start = _tokens.Next();
        var name = ParseExpression();
        Expect(TokenKind.Name, "import");
        var names = new List<(string, NameTarget)>();
        var withContext = false;
        while (true)
        {
            if (names.Count > 0)
            {
                if (!_tokens.SkipIfOperator(",")) break;
            }
            if (_tokens.Current.Kind == TokenKind.Name && _tokens.Current.Value is "with" or "without" && _tokens.Peek().IsName("context"))
                break;
            if (_tokens.Current.Kind != TokenKind.Name) break;
            var n = _tokens.Next();
            if (n.Value.StartsWith('_')) throw Error("names starting with an underline can not be imported", n);
            var alias = n;
            if (_tokens.SkipIfName("as")) alias = Expect(TokenKind.Name);
            names.Add((n.Value, new NameTarget(alias.Value, alias.Span)));
        }
        if (names.Count == 0) throw Error("expected at least one name to import", _tokens.Current);
        withContext = ParseContextModifier(false);
        Expect(TokenKind.BlockEnd);
        return new FromImportStatement(name, names.ToArray(), withContext, start.Span);
    }

    private AutoescapeStatement ParseAutoescape()
    {
        var start = _tokens.Next();
        var value = ParseExpression();
        ExpectBodyStart();
        var body = ParseBody("autoescape", start, "endautoescape");
        return new AutoescapeStatement(value, body, start.Span);
    }

    /// <summary>An assignment target: a name, <c>a, b</c>, <c>(a, b)</c>, or <c>ns.attr</c> for set.</summary>
    private AssignTarget ParseAssignTarget(string? extraEndName = null, bool withNamespace = false)
    {
        var start = _tokens.Current;
        var items = new List<AssignTarget>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0) ExpectOperator(",");
            var t = _tokens.Current;
            if (t.Kind is TokenKind.BlockEnd || t.IsOperator("=") || t.IsOperator(")") || (extraEndName is not null && t.IsName(extraEndName)))
            {
                if (items.Count == 0) throw Error($"expected a variable name, got {t.Describe()}", t);
                break;
            }
            items.Add(ParseSingleTarget(withNamespace));
            if (_tokens.Current.IsOperator(",")) isTuple = true;
            else break;
        }
        return isTuple ? new TupleTarget(items.ToArray(), start.Span) : items[0];
    }

    private AssignTarget ParseSingleTarget(bool withNamespace = false)
    {
        var t = _tokens.Current;
        // `ns.attr`, alone or as an item of a tuple target (Jinja2's NSRef: {% set ns.a, ns.b = 1, 2 %}).
        if (withNamespace && t.Kind == TokenKind.Name && _tokens.Peek().IsOperator(".") && _tokens.Peek(2).Kind == TokenKind.Name)
        {
            _tokens.Next();
            _tokens.Next();
            var attr = _tokens.Next();
            return new AttributeTarget(new NameExpression(t.Value, t.Span), attr.Value, t.Span);
        }
        if (t.IsOperator("("))
        {
            _tokens.Next();
            var inner = ParseAssignTarget();
            ExpectOperator(")");
            return inner;
        }
        if (t.Kind != TokenKind.Name) throw Error($"expected a variable name, got {t.Describe()}", t);
        if (t.Value is "true" or "false" or "none" or "True" or "False" or "None")
            throw Error($"cannot assign to '{t.Value}'", t, ErrorCode.InvalidAssignment);
        _tokens.Next();
        return new NameTarget(t.Value, t.Span);
    }
}
