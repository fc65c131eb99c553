using Kida.Diagnostics;
using Kida.Lexing;
using Kida.Syntax;
using Kida.Syntax.Expressions;

namespace Kida.Parsing;

internal sealed partial class Parser
{
    private static readonly HashSet<string> CompareOperators = ["==", "!=", "<", "<=", ">", ">="];

    /// <summary>
    /// Deepest expression tree accepted. Trees are bound and evaluated recursively, possibly on a thread with a much
    /// smaller stack than the one that parsed, and chains (<c>a|f|f|f…</c>, <c>1+1+1…</c>, <c>x.a.a.a…</c>) parse in a
    /// loop yet evaluate recursively, so the limit is a fixed count rather than the parser's remaining stack.
    /// </summary>
    internal const int MaxExpressionDepth = 256;

    private readonly Stack<(Expression Node, bool Expanded)> _pendingDepths = new();

    /// <summary>
    /// Measures the tree under <paramref name="root"/> without recursion and refuses it if too deep. Each node is
    /// measured once (its height is kept on the node), so checking every level as the parser builds it stays linear.
    /// </summary>
    private T Checked<T>(T root) where T : Expression
    {
        if (root.TreeHeight > 0) return root;
        var pending = _pendingDepths;
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (e, expanded) = pending.Pop();
            if (e.TreeHeight > 0) continue;
            if (!expanded)
            {
                pending.Push((e, true));
                foreach (var c in e.Children)
                    if (c.TreeHeight == 0) pending.Push((c, false));
                continue;
            }
            var depth = 1;
            foreach (var c in e.Children) depth = Math.Max(depth, c.TreeHeight + 1);
            if (depth > MaxExpressionDepth)
            {
                pending.Clear();
                throw Error($"expression is nested too deeply (more than {MaxExpressionDepth} levels)", e.Span);
            }
            e.TreeHeight = depth;
        }
        return root;
    }

    /// <summary>An expression, or a tuple when commas separate several (<c>{{ a, b }}</c>, <c>for x in a, b</c>).</summary>
    private Expression ParseTuple(bool withCondExpr = true, string? extraEndName = null, bool explicitParens = false)
    {
        var start = _tokens.Current;
        var items = new List<Expression>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0) ExpectOperator(",");
            if (IsTupleEnd(extraEndName)) break;
            items.Add(withCondExpr ? ParseExpression() : ParseWithoutConditional());
            if (_tokens.Current.IsOperator(",")) isTuple = true;
            else break;
        }
        if (!isTuple)
        {
            if (items.Count > 0) return Checked(items[0]);
            if (!explicitParens) throw Error($"expected an expression, got {_tokens.Current.Describe()}{OpenBlockHint()}", _tokens.Current);
        }
        return Checked(new TupleExpression(items.ToArray(), start.Span));
    }

    private bool IsTupleEnd(string? extraEndName)
    {
        var t = _tokens.Current;
        return t.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.Eof || t.IsOperator(")") ||
               (extraEndName is not null && t.IsName(extraEndName));
    }

    /// <summary>A full expression: Kida's <c>??</c> (loosest, right-associative) over the conditional expression.</summary>
    private Expression ParseExpression()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var left = ParseConditional();
        if (_tokens.Current.IsOperator("??"))
        {
            var op = _tokens.Next();
            var right = ParseExpression();
            return Checked(new CoalesceExpression(left, right, op.Span));
        }
        return Checked(left);
    }

    /// <summary>Like <see cref="ParseExpression"/> but without <c>x if c else y</c>, where <c>if</c> means something else (for filters).</summary>
    private Expression ParseWithoutConditional()
    {
        var left = ParseOr();
        if (_tokens.Current.IsOperator("??"))
        {
            var op = _tokens.Next();
            return Checked(new CoalesceExpression(left, ParseWithoutConditional(), op.Span));
        }
        return Checked(left);
    }

    private Expression ParseConditional()
    {
        var expr = ParseOr();
        while (_tokens.Current.IsName("if"))
        {
            var t = _tokens.Next();
            var test = ParseOr();
            Expression? otherwise = null;
            if (_tokens.SkipIfName("else")) otherwise = ParseConditional();
            expr = new ConditionalExpression(test, expr, otherwise, t.Span);
        }
        return expr;
    }

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (_tokens.Current.IsName("or"))
        {
            var t = _tokens.Next();
            left = new OrExpression(left, ParseAnd(), t.Span);
        }
        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (_tokens.Current.IsName("and"))
        {
            var t = _tokens.Next();
            left = new AndExpression(left, ParseNot(), t.Span);
        }
        return left;
    }

    private Expression ParseNot()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (_tokens.Current.IsName("not"))
        {
            var t = _tokens.Next();
            return new NotExpression(ParseNot(), t.Span);
        }
        return ParseCompare();
    }

    /// <summary>Kida's ranges, looser than arithmetic: <c>a..b</c>, <c>a...b</c>, <c>a..b by s</c>.</summary>
    private Expression ParseRange()
    {
        var left = ParseMath1();
        var t = _tokens.Current;
        if (!t.IsOperator("..") && !t.IsOperator("...")) return left;
        _tokens.Next();
        var right = ParseMath1();
        Expression? step = _tokens.SkipIfName("by") ? ParseMath1() : null;
        return new RangeExpression(left, right, step, t.Value == "..", t.Span);
    }

    private Expression ParseCompare()
    {
        var first = ParseRange();
        var ops = new List<string>();
        var operands = new List<Expression>();
        while (true)
        {
            var t = _tokens.Current;
            if (t.Kind == TokenKind.Operator && CompareOperators.Contains(t.Value))
            {
                _tokens.Next();
                ops.Add(t.Value);
                operands.Add(ParseRange());
            }
            else if (t.IsName("in"))
            {
                _tokens.Next();
                ops.Add("in");
                operands.Add(ParseRange());
            }
            else if (t.IsName("not") && _tokens.Peek().IsName("in"))
            {
                _tokens.Next();
                _tokens.Next();
                ops.Add("notin");
                operands.Add(ParseRange());
            }
            else break;
        }
        return ops.Count == 0 ? first : new CompareExpression(first, ops.ToArray(), operands.ToArray(), first.Span);
    }

    private Expression ParseMath1()
    {
        var left = ParseConcat();
        List<Expression>? chain = null;   // a run of '+' operands, made one AddChainExpression when it has three or more
        SourceSpan chainSpan = default;
        while (_tokens.Current.IsOperator("+") || _tokens.Current.IsOperator("-"))
        {
            var t = _tokens.Next();
            var right = ParseConcat();
            if (t.Value == "+")
            {
                (chain ??= [left]).Add(right);
                chainSpan = t.Span;
                continue;
            }
            left = new BinaryExpression(BinaryOperator.Subtract, Chain(chain, left, chainSpan), right, t.Span);
            chain = null;
        }
        return Chain(chain, left, chainSpan);
    }

    // Two operands stay a BinaryExpression (nothing to join); more become one chain with the last '+' as its span.
    private static Expression Chain(List<Expression>? chain, Expression left, SourceSpan span) => chain switch
    {
        null => left,
        [var a, var b] => new BinaryExpression(BinaryOperator.Add, a, b, span),
        _ => new AddChainExpression(chain.ToArray(), span),
    };

    private Expression ParseConcat()
    {
        var first = ParseMath2();
        if (!_tokens.Current.IsOperator("~")) return first;
        var parts = new List<Expression> { first };
        while (_tokens.SkipIfOperator("~")) parts.Add(ParseMath2());
        return new ConcatExpression(parts.ToArray(), first.Span);
    }

    private Expression ParseMath2()
    {
        var left = ParsePow();
        while (true)
        {
            var t = _tokens.Current;
            BinaryOperator op;
            if (t.IsOperator("*")) op = BinaryOperator.Multiply;
            else if (t.IsOperator("/")) op = BinaryOperator.Divide;
            else if (t.IsOperator("//")) op = BinaryOperator.FloorDivide;
            else if (t.IsOperator("%")) op = BinaryOperator.Modulo;
            else break;
            _tokens.Next();
            left = new BinaryExpression(op, left, ParsePow(), t.Span);
        }
        return left;
    }

    private Expression ParsePow()
    {
        var left = ParseUnary();
        while (_tokens.Current.IsOperator("**"))
        {
            var t = _tokens.Next();
            left = new BinaryExpression(BinaryOperator.Power, left, ParseUnary(), t.Span);
        }
        return left;
    }

    private Expression ParseUnary(bool withFilter = true)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var t = _tokens.Current;
        Expression node;
        if (t.IsOperator("-") || t.IsOperator("+"))
        {
            _tokens.Next();
            node = new UnaryExpression(t.Value == "-", ParseUnary(false), t.Span);
        }
        else
        {
            node = ParsePostfix(ParsePrimary());
        }
        return withFilter ? ParseFilterChain(node) : node;
    }

    private Expression ParsePrimary()
    {
        var t = _tokens.Current;
        switch (t.Kind)
        {
            case TokenKind.Name:
                _tokens.Next();
                switch (t.Value)
                {
                    case "true" or "True": return new ConstantExpression(Runtime.Values.PyOps.True, t.Span);
                    case "false" or "False": return new ConstantExpression(Runtime.Values.PyOps.False, t.Span);
                    case "none" or "None": return new ConstantExpression(null, t.Span);
                }
                if (t.Value == "has_slot" && _tokens.Current.IsOperator("("))
                    return new HasSlotExpression(ParseArguments(), t.Span);
                if (t.Value == "super" && _tokens.Current.IsOperator("(") && _tokens.Peek().IsOperator(")"))
                {
                    _tokens.Next();
                    _tokens.Next();
                    return new SuperExpression(t.Span);
                }
                return new NameExpression(t.Value, t.Span);
            case TokenKind.String:
                _tokens.Next();
                var text = (string)t.Literal!;
                if (_tokens.Current.Kind == TokenKind.String)
                {
                    var sb = new System.Text.StringBuilder(text);
                    while (_tokens.Current.Kind == TokenKind.String) sb.Append((string)_tokens.Next().Literal!);
                    text = sb.ToString();
                }
                // Short identifier-like constants ('role', 'content', 'system') are interned, as CPython interns a code
                // object's names: data built from C# literals or by hosts that share instances (the chat package's JSON)
                // then finds its dictionary keys and equal strings by reference first. Bounded by the templates' text.
                if (text.Length is > 0 and <= 32 && IsIdentifierLike(text)) text = string.Intern(text);
                return new ConstantExpression(text, t.Span);
            case TokenKind.Integer:
            case TokenKind.Float:
                _tokens.Next();
                return new ConstantExpression(t.Literal is long l ? Runtime.Values.PyOps.Box(l) : t.Literal, t.Span);
            case TokenKind.Operator:
                if (t.Value == "(")
                {
                    _tokens.Next();
                    var inner = ParseTuple(explicitParens: true);
                    ExpectOperator(")");
                    return inner;
                }
                if (t.Value == "[") return ParseList();
                if (t.Value == "{") return ParseDict();
                break;
        }
        throw Error($"expected an expression, got {t.Describe()}{OpenBlockHint()}", t);
    }

    private Expression ParseList()
    {
        var start = _tokens.Next();
        var items = new List<Expression>();
        while (!_tokens.Current.IsOperator("]"))
        {
            if (items.Count > 0) ExpectOperator(",");
            if (_tokens.Current.IsOperator("]")) break;
            items.Add(ParseExpression());
            if (items.Count == 1 && _tokens.Current.IsName("for")) return ParseComprehension(items[0], start);
        }
        ExpectOperator("]");
        return new ListExpression(items.ToArray(), start.Span);
    }

    /// <summary>The rest of <c>[element for target in iterable [if condition]]</c>.</summary>
    private Expression ParseComprehension(Expression element, Token start)
    {
        _tokens.Next();
        var target = ParseAssignTarget(extraEndName: "in");
        Expect(TokenKind.Name, "in");
        var iterable = ParseOr();
        Expression? condition = _tokens.SkipIfName("if") ? ParseOr() : null;
        ExpectOperator("]");
        return new ListComprehensionExpression(element, target, iterable, condition, start.Span);
    }

    private Expression ParseDict()
    {
        var start = _tokens.Next();
        var keys = new List<Expression>();
        var values = new List<Expression>();
        while (!_tokens.Current.IsOperator("}"))
        {
            if (keys.Count > 0) ExpectOperator(",");
            if (_tokens.Current.IsOperator("}")) break;
            keys.Add(ParseExpression());
            ExpectOperator(":");
            values.Add(ParseExpression());
        }
        ExpectOperator("}");
        return new DictExpression(keys.ToArray(), values.ToArray(), start.Span);
    }

    private Expression ParsePostfix(Expression node)
    {
        while (true)
        {
            var t = _tokens.Current;
            if (t.IsOperator(".") || t.IsOperator("?."))
            {
                _tokens.Next();
                var nullSafe = t.Value == "?.";
                var attr = _tokens.Current;
                if (attr.Kind == TokenKind.Name)
                {
                    _tokens.Next();
                    node = new AttributeExpression(node, attr.Value, nullSafe, t.Span);
                }
                else if (attr.Kind == TokenKind.Integer)
                {
                    _tokens.Next();
                    node = new ItemExpression(node, new ConstantExpression(attr.Literal, attr.Span), nullSafe, t.Span);
                }
                else throw Error($"expected an attribute name after '.', got {attr.Describe()}", attr);
            }
            else if (t.IsOperator("[") || t.IsOperator("?["))
            {
                _tokens.Next();
                node = ParseSubscript(node, t.Value == "?[", t);
            }
            else if (t.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else return node;
        }
    }

    private Expression ParseSubscript(Expression target, bool nullSafe, Token start)
    {
        // [a], [a:b], [a:b:c], [:], [::2]
        Expression? first = null;
        if (!_tokens.Current.IsOperator(":")) first = ParseTuple();
        if (_tokens.SkipIfOperator("]"))
            return new ItemExpression(target, first!, nullSafe, start.Span);
        ExpectOperator(":");
        Expression? stop = null;
        Expression? step = null;
        if (!_tokens.Current.IsOperator("]") && !_tokens.Current.IsOperator(":")) stop = ParseExpression();
        if (_tokens.SkipIfOperator(":"))
        {
            if (!_tokens.Current.IsOperator("]")) step = ParseExpression();
        }
        ExpectOperator("]");
        return new SliceExpression(target, first, stop, step, start.Span);
    }

    private Arguments ParseArguments()
    {
        ExpectOperator("(");
        var positional = new List<Expression>();
        var named = new List<KeyValuePair<string, Expression>>();
        Expression? spread = null, spreadNamed = null;
        var first = true;
        while (!_tokens.Current.IsOperator(")"))
        {
            if (!first) ExpectOperator(",");
            first = false;
            if (_tokens.Current.IsOperator(")")) break;
            var t = _tokens.Current;
            // Jinja2's order: positional arguments, then keywords and one *args in any order, then one **kwargs.
            if (t.IsOperator("*"))
            {
                if (spread is not null || spreadNamed is not null) throw Error("invalid syntax for function call expression: '*' after '*args' or '**kwargs'", t);
                _tokens.Next();
                spread = ParseExpression();
            }
            else if (t.IsOperator("**"))
            {
                if (spreadNamed is not null) throw Error("invalid syntax for function call expression: a second '**kwargs'", t);
                _tokens.Next();
                spreadNamed = ParseExpression();
            }
            else if (t.Kind == TokenKind.Name && _tokens.Peek().IsOperator("="))
            {
                if (spreadNamed is not null) throw Error("invalid syntax for function call expression: a keyword argument after '**kwargs'", t);
                _tokens.Next();
                _tokens.Next();
                if (named.Any(n => n.Key == t.Value)) throw Error($"keyword argument repeated: '{t.Value}'", t);
                named.Add(new(t.Value, ParseExpression()));
            }
            else
            {
                if (named.Count > 0) throw Error("positional argument follows keyword argument", t);
                if (spread is not null || spreadNamed is not null) throw Error("invalid syntax for function call expression: a positional argument after '*args' or '**kwargs'", t);
                positional.Add(ParseExpression());
            }
        }
        ExpectOperator(")");
        return new Arguments(positional.ToArray(), named.ToArray(), spread, spreadNamed);
    }

    private Expression ParseCall(Expression callee)
    {
        var start = _tokens.Current;
        var args = ParseArguments();
        return new CallExpression(callee, args, callee.Span.IsKnown ? callee.Span : start.Span);
    }

    private Expression ParseFilterChain(Expression node)
    {
        string? style = null;
        while (true)
        {
            var t = _tokens.Current;
            if (t.IsOperator("|") || t.IsOperator("|>") || t.IsOperator("?|") || t.IsOperator("?|>"))
            {
                // Kida: a chain is either pipes (| ?|) or a pipeline (|> ?|>), never both.
                var thisStyle = t.Value.EndsWith('>') ? "|>" : "|";
                if (style is not null && style != thisStyle)
                    throw Error($"cannot mix '|' and '|>' in one filter chain; use one style (got '{t.Value}' after '{style}')", t);
                style = thisStyle;
                _tokens.Next();
                var f = ParseFilterCall(node);
                node = t.Value.StartsWith('?') ? new FilterExpression(node, f.Name, f.Arguments, f.Span) { NullSafe = true } : f;
            }
            else if (t.IsName("is"))
            {
                _tokens.Next();
                node = ParseTest(node, t);
            }
            else if (t.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else return node;
        }
    }

    private FilterExpression ParseFilterCall(Expression? value)
    {
        var nameToken = Expect(TokenKind.Name);
        var name = nameToken.Value;
        while (_tokens.Current.IsOperator(".") && _tokens.Peek().Kind == TokenKind.Name)
        {
            _tokens.Next();
            name += "." + _tokens.Next().Value;
        }
        var args = _tokens.Current.IsOperator("(") ? ParseArguments() : Arguments.None;
        return Checked(new FilterExpression(value, name, args, nameToken.Span));
    }

    private Expression ParseTest(Expression value, Token isToken)
    {
        var negated = _tokens.SkipIfName("not");
        var nameToken = Expect(TokenKind.Name);
        var name = nameToken.Value;
        while (_tokens.Current.IsOperator(".") && _tokens.Peek().Kind == TokenKind.Name)
        {
            _tokens.Next();
            name += "." + _tokens.Next().Value;
        }
        Arguments args;
        var t = _tokens.Current;
        if (t.IsOperator("("))
        {
            args = ParseArguments();
        }
        else if ((t.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float || t.IsOperator("[") || t.IsOperator("{"))
                 && !(t.Kind == TokenKind.Name && t.Value is "else" or "or" or "and" or "if" or "in" or "not" or "is"))
        {
            if (t.IsName("is")) throw Error("you cannot chain multiple tests with is", t);
            var arg = ParsePostfix(ParsePrimary());
            args = new Arguments([arg], []);
        }
        else args = Arguments.None;
        return new TestExpression(value, name, args, negated, nameToken.Span);
    }

    private static bool IsIdentifierLike(string text)
    {
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }
}
