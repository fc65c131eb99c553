using Kida.Diagnostics;
using Kida.Lexing;
using Kida.Runtime;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;

namespace Kida.Parsing;

// Kida's additional tags (LANGUAGE.md §4). Accepted in both dialects.
internal sealed partial class Parser
{
    /// <summary>What the innermost function-like body is: "def" (defs, regions) or "call" (call bodies); decides what <c>slot</c> means.</summary>
    private readonly Stack<string> _functionKinds = new();

    private Statement? ParseKidaStatement(Token tag) => tag.Value switch
    {
        "let" or "export" or "promote" => ParseLet(),
        "unless" => ParseUnless(),
        "while" => ParseWhile(),
        "match" => ParseMatch(),
        "slot" or "yield" => ParseSlot(),
        "region" => ParseMacro(),
        "fragment" => ParseFragment(),
        "globals" or "imports" => ParseGlobals(),
        "provide" => ParseProvide(),
        "cache" => ParseCache(),
        "try" => ParseTry(),
        "capture" => ParseCapture(),
        "spaceless" => ParseSpaceless(),
        "push" => ParsePush(),
        "stack" => ParseStack(),
        "flush" => ParseFlush(),
        "template" => ParseTemplateDeclaration(),
        "embed" => ParseEmbed(),
        _ => null,
    };

    /// <summary>In the Kida dialect a branch body keeps its <c>set</c> assignments to itself.</summary>
    private StatementList ScopeIfKida(StatementList body) =>
        KidaDialect ? new StatementList([new ScopedBodyStatement(body, body.Span)], body.Span) : body;

    private LetStatement ParseLet()
    {
        var start = _tokens.Next();
        var target = ParseAssignTarget();
        var onlyIfMissing = _tokens.SkipIfOperator("??=");
        if (!onlyIfMissing) ExpectOperator("=");
        if (onlyIfMissing && target is not NameTarget)
            throw Error("'??=' assigns a single name", start, ErrorCode.InvalidAssignment);
        var value = ParseTuple();
        Expect(TokenKind.BlockEnd);
        return new LetStatement(start.Value, target, value, onlyIfMissing, start.Span);
    }

    private IfStatement ParseUnless()
    {
        var start = _tokens.Next();
        var condition = ParseTuple();
        Expect(TokenKind.BlockEnd);
        var body = ParseBody("unless", start, "endunless", "else");
        StatementList? otherwise = null;
        if (_tokens.Current.IsName("else"))
        {
            _tokens.Next();
            Expect(TokenKind.BlockEnd);
            otherwise = ScopeIfKida(ParseBody("unless", start, "endunless"));
        }
        return new IfStatement([new NotExpression(condition, condition.Span)], [ScopeIfKida(body)], otherwise, start.Span);
    }

    private WhileStatement ParseWhile()
    {
        var start = _tokens.Next();
        var condition = ParseTuple();
        Expect(TokenKind.BlockEnd);
        _loopDepth++;
        var body = ParseBody("while", start, "endwhile");
        _loopDepth--;
        return new WhileStatement(condition, body, start.Span);
    }

    private MatchStatement ParseMatch()
    {
        var start = _tokens.Next();
        Expression? subject = _tokens.Current.Kind == TokenKind.BlockEnd ? null : ParseTuple();
        Expect(TokenKind.BlockEnd);
        string[] ends = ["case", "endmatch"];
        _open.Push(("match", start, ends));
        var cases = new List<MatchCase>();
        try
        {
            var before = Subparse(ends, out var end);
            if (before.Items.Any(s => s is not TextStatement t || !string.IsNullOrWhiteSpace(t.Text)))
                throw Error("only {% case %} branches may appear inside {% match %}", before.Items[0].Span);
            while (end.Value == "case")
            {
                var caseToken = _tokens.Next();
                var patterns = new List<MatchPattern>();
                do
                {
                    var p = ParseOr();
                    patterns.Add(p switch
                    {
                        NameExpression { Name: "_" } => new MatchPattern(true, null, null),
                        NameExpression n => new MatchPattern(false, new NameTarget(n.Name, n.Span), null),
                        _ => new MatchPattern(false, null, p),
                    });
                } while (_tokens.SkipIfOperator(","));
                Expression? guard = _tokens.SkipIfName("if") ? ParseExpression() : null;
                Expect(TokenKind.BlockEnd);
                var body = Subparse(ends, out end);
                cases.Add(new MatchCase(patterns.ToArray(), patterns.Count > 1, guard, body));
                _ = caseToken;
            }
            _tokens.Next();
            Expect(TokenKind.BlockEnd);
        }
        finally
        {
            _open.Pop();
        }
        return new MatchStatement(subject, cases.ToArray(), start.Span);
    }

    private Statement ParseSlot()
    {
        var start = _tokens.Next();
        var name = "default";
        if (_tokens.Current.Kind == TokenKind.Name && !(_tokens.Current.Value == "let" && _tokens.Peek().IsOperator(":")))
            name = _tokens.Next().Value;
        var lets = new List<(NameTarget, Expression?)>();
        while (_tokens.Current.IsName("let") && _tokens.Peek().IsOperator(":"))
        {
            _tokens.Next();
            _tokens.Next();
            var n = Expect(TokenKind.Name);
            Expression? value = _tokens.SkipIfOperator("=") ? ParseExpression() : null;
            lets.Add((new NameTarget(n.Value, n.Span), value));
            if (!_tokens.SkipIfOperator(",")) break;
        }
        Expect(TokenKind.BlockEnd);
        if (start.Value == "yield") return new SlotStatement(name, [], null, start.Span);

        var inCall = _functionKinds.Count > 0 && _functionKinds.Peek() == "call";
        if (inCall)
        {
            var saved = _loopDepth;
            _loopDepth = 0;
            var body = ParseBody("slot", start, "endslot");
            _loopDepth = saved;
            var parameters = lets.Select(l => l.Item1.Name).ToArray();
            var signature = new MacroSignature(name, parameters, lets.Select(l => l.Item2).ToArray(), body) { IsCallerBody = true };
            return new SlotFillStatement(signature, start.Span);
        }
        var resolved = lets.Select(l => (l.Item1, l.Item2 ?? new NameExpression(l.Item1.Name, l.Item1.Span))).ToArray();
        StatementList? fallback = lets.Count > 0 ? ParseBody("slot", start, "endslot") : null;
        return new SlotStatement(name, resolved, fallback, start.Span);
    }

    private BlockStatement ParseFragment()
    {
        var start = _tokens.Next();
        var name = Expect(TokenKind.Name);
        Expect(TokenKind.BlockEnd);
        var saved = _loopDepth;
        _loopDepth = 0;
        var body = ParseBody("fragment", start, "endfragment");
        _loopDepth = saved;
        return new BlockStatement(name.Value, body, false, false, start.Span) { IsFragment = true };
    }

    private GlobalsStatement ParseGlobals()
    {
        var start = _tokens.Next();
        Expect(TokenKind.BlockEnd);
        return new GlobalsStatement(ParseBody(start.Value, start, "end" + start.Value), start.Span);
    }

    private ProvideStatement ParseProvide()
    {
        var start = _tokens.Next();
        var values = new List<(string, Expression)>();
        do
        {
            var key = Expect(TokenKind.Name);
            ExpectOperator("=");
            values.Add((key.Value, ParseExpression()));
        } while (_tokens.SkipIfOperator(","));
        Expect(TokenKind.BlockEnd);
        return new ProvideStatement(values.ToArray(), ParseBody("provide", start, "endprovide"), start.Span);
    }

    private CacheStatement ParseCache()
    {
        var start = _tokens.Next();
        var key = ParseExpression();
        Expression? ttl = null;
        while (_tokens.SkipIfOperator(","))
        {
            var option = Expect(TokenKind.Name);
            ExpectOperator("=");
            var value = ParseExpression();
            if (option.Value == "ttl") ttl = value;
            else if (option.Value != "depends") throw Error($"unknown cache option '{option.Value}' (expected ttl or depends)", option);
        }
        Expect(TokenKind.BlockEnd);
        return new CacheStatement(key, ttl, ParseBody("cache", start, "endcache"), start.Span);
    }

    private TryStatement ParseTry()
    {
        var start = _tokens.Next();
        Expect(TokenKind.BlockEnd);
        var body = ParseBody("try", start, "endtry", "fallback");
        NameTarget? error = null;
        var fallback = StatementList.Empty;
        if (_tokens.Current.IsName("fallback"))
        {
            _tokens.Next();
            if (_tokens.Current.Kind == TokenKind.Name)
            {
                var n = _tokens.Next();
                error = new NameTarget(n.Value, n.Span);
            }
            Expect(TokenKind.BlockEnd);
            fallback = ParseBody("try", start, "endtry");
        }
        return new TryStatement(body, error, fallback, start.Span);
    }

    private CaptureStatement ParseCapture()
    {
        var start = _tokens.Next();
        var name = Expect(TokenKind.Name);
        var filters = new List<FilterExpression>();
        while (_tokens.Current.IsOperator("|") || _tokens.Current.IsOperator("|>"))
        {
            _tokens.Next();
            filters.Add(ParseFilterCall(null));
        }
        Expect(TokenKind.BlockEnd);
        var body = ParseBody("capture", start, "endcapture");
        return new CaptureStatement(new NameTarget(name.Value, name.Span), filters.ToArray(), body, start.Span);
    }

    private SpacelessStatement ParseSpaceless()
    {
        var start = _tokens.Next();
        Expect(TokenKind.BlockEnd);
        return new SpacelessStatement(ParseBody("spaceless", start, "endspaceless"), start.Span);
    }

    private PushStatement ParsePush()
    {
        var start = _tokens.Next();
        var name = ParseExpression();
        Expect(TokenKind.BlockEnd);
        return new PushStatement(name, ParseBody("push", start, "endpush"), start.Span);
    }

    private StackStatement ParseStack()
    {
        var start = _tokens.Next();
        var name = ParseExpression();
        Expect(TokenKind.BlockEnd);
        return new StackStatement(name, start.Span);
    }

    private FlushStatement ParseFlush()
    {
        var start = _tokens.Next();
        Expect(TokenKind.BlockEnd);
        return new FlushStatement(start.Span);
    }

    /// <summary><c>{% template page: Page, n: int %}</c> declares context types for static checks only: it renders nothing.</summary>
    private StatementList ParseTemplateDeclaration()
    {
        var start = _tokens.Next();
        while (_tokens.Current.Kind is not (TokenKind.BlockEnd or TokenKind.Eof)) _tokens.Next();
        Expect(TokenKind.BlockEnd);
        return new StatementList([], start.Span);
    }

    private EmbedStatement ParseEmbed()
    {
        var start = _tokens.Next();
        var name = ParseExpression();
        var withContext = ParseContextModifier(true);
        Expect(TokenKind.BlockEnd);
        var body = ParseBody("embed", start, "endembed");
        var overrides = new List<BlockStatement>();
        foreach (var s in body.Items)
        {
            if (s is BlockStatement b) overrides.Add(b);
            else if (s is not TextStatement t || !string.IsNullOrWhiteSpace(t.Text))
                throw Error("only {% block %} overrides may appear inside {% embed %}", s.Span);
        }
        return new EmbedStatement(name, withContext, overrides.ToArray(), start.Span);
    }

    /// <summary>Kida's conditional <c>{% with expr [as name] %}…[{% else %}…]{% end %}</c>.</summary>
    private ConditionalWithStatement ParseConditionalWith(Token start)
    {
        var values = new List<Expression>();
        do values.Add(ParseExpression());
        while (_tokens.SkipIfOperator(","));
        AssignTarget[] targets;
        if (_tokens.SkipIfName("as"))
        {
            var target = ParseAssignTarget();
            targets = target is TupleTarget t ? [.. t.Items] : [target];
            if (targets.Length != values.Count)
                throw Error($"{{% with %}} binds {values.Count} value(s) to {targets.Length} name(s)", target.Span);
        }
        else if (values.Count == 1) targets = [new NameTarget("it", start.Span)];
        else throw Error("{% with a, b %} needs names: {% with a, b as x, y %}", start);
        Expect(TokenKind.BlockEnd);
        var body = ParseBody("with", start, "endwith", "else");
        StatementList? otherwise = null;
        if (_tokens.Current.IsName("else"))
        {
            _tokens.Next();
            Expect(TokenKind.BlockEnd);
            otherwise = ParseBody("with", start, "endwith");
        }
        return new ConditionalWithStatement(values.ToArray(), targets, body, otherwise, start.Span);
    }
}
