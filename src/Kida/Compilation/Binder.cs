using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;

namespace Kida.Compilation;

/// <summary>
/// Walks the parsed tree once: numbers local variables into frame slots (Jinja2 scoping: <c>for</c>, <c>with</c>,
/// macros, caller bodies and blocks are scopes, <c>if</c> is not), binds filters and tests to delegates, and
/// records the structure the worker toolkit weighs (blocks, macros, includes, parent).
/// </summary>
internal sealed class Binder
{
    private sealed class Function(Function? enclosing, bool isDef = false)
    {
        public readonly Function? Enclosing = enclosing;
        public readonly bool IsDef = isDef;
        public int SlotCount;
        public readonly HashSet<int> ReadSlots = [];
    }

    private sealed class Scope(Scope? parent, Function function, bool isModule)
    {
        public readonly Scope? Parent = parent;
        public readonly Function Function = function;
        public readonly bool IsModule = isModule;
        public readonly Dictionary<string, int> Names = new(StringComparer.Ordinal);
    }

    private readonly TemplateEnvironment _environment;

    internal TemplateEnvironment Environment => _environment;
    private readonly string? _templateName;
    private readonly string _source;
    private Function _function;
    private Scope _scope;

    public Binder(TemplateEnvironment environment, string? templateName, string source)
    {
        _environment = environment;
        _templateName = templateName;
        _source = source;
        _function = new Function(null);
        _scope = new Scope(null, _function, isModule: true);
    }

    public List<BlockStatement> Blocks { get; } = [];
    public List<string> MacroNames { get; } = [];
    public List<MacroStatement> Regions { get; } = [];
    public List<Statement> GlobalsSetup { get; } = [];
    public bool IsAtTemplateTop => _scope.IsModule && _function.Enclosing is null;
    public List<string> Includes { get; } = [];
    public string? Parent { get; private set; }
    public bool HasExtends { get; private set; }

    public int RootSlotCount { get; private set; }

    /// <summary>What the template compiles to but probably does not mean (K-WARN-*), in source order of detection.</summary>
    public List<TemplateWarning> Warnings { get; } = [];

    // Names a Kida-dialect if/unless/match branch assigned with set, keyed by the scope the branch sits in: a later
    // read from that scope (or one inside it) would have seen the value under Jinja2's leaking rule, not Kida's.
    private readonly List<(Scope Owner, string Name, int BlockLine)> _branchLocals = [];

    // Branches of the if statements being bound: their names only count once the whole statement is bound, so a
    // read in a sibling elif/else branch (which never saw the value under Jinja2 either) is not reported.
    private readonly List<(Scope Owner, string Name, int BlockLine)> _closedBranches = [];

    public void BindRoot(StatementList root)
    {
        root.Bind(this);
        RootSlotCount = _function.SlotCount;
    }

    public int NextSlot => _function.SlotCount;

    public bool KidaDialect => _environment.Options.Dialect == TemplateDialect.Kida;

    private TemplateSyntaxException Error(string message, SourceSpan span, string code = ErrorCode.TemplateSyntax)
    {
        var e = new TemplateSyntaxException(message, code);
        e.Locate(_templateName, span, _source);
        return e;
    }

    public void PushScope(bool isLoop = false) => _scope = new Scope(_scope, _function, isModule: false);

    public void PopScope() => _scope = _scope.Parent!;

    public int Declare(string name)
    {
        if (_scope.Names.TryGetValue(name, out var slot)) return slot;
        slot = _function.SlotCount++;
        _scope.Names[name] = slot;
        return slot;
    }

    /// <summary>Declares in the current scope every name that <paramref name="body"/> assigns outside nested scopes.</summary>
    public void DeclareAssigned(Statement body)
    {
        if (_scope.IsModule) return;
        var names = new List<string>();
        CollectAssigned(body, names);
        foreach (var n in names) Declare(n);
    }

    private static void CollectAssigned(Statement s, List<string> names)
    {
        switch (s)
        {
            case SetStatement x: names.AddRange(x.Target.Names); break;
            case SetBlockStatement x: names.AddRange(x.Target.Names); break;
            case MacroStatement x: names.Add(x.Name); break;
            case ImportStatement x: names.Add(x.AliasName); break;
            case FromImportStatement x: names.AddRange(x.AliasNames); break;
            case IfStatement or AutoescapeStatement or StatementList or FilterBlockStatement:
                foreach (var c in s.ChildStatements) CollectAssigned(c, names);
                break;
        }
    }

    /// <summary>Names that <c>let</c>/<c>export</c>/<c>promote</c>/<c>capture</c> assign anywhere in a def body (not in nested defs).</summary>
    private static void CollectLets(Statement s, List<string> names)
    {
        switch (s)
        {
            case MacroStatement: return;
            case LetStatement x: names.AddRange(x.Target.Names); break;
            case CaptureStatement x: names.Add(x.Target.Name); break;
        }
        foreach (var c in s.ChildStatements) CollectLets(c, names);
    }

    /// <summary>
    /// Binds a Kida template-scope assignment (<c>let</c>, <c>export</c>, <c>capture</c>): inside a def it is a local
    /// of the call (declared at the def's top); elsewhere it writes the template's variables.
    /// </summary>
    public void BindLetStore(NameTarget target)
    {
        ForgetBranchLocal(target.Name);
        if (_function.IsDef)
        {
            var top = _scope;
            while (top.Parent is not null && top.Parent.Function == _function) top = top.Parent;
            if (!top.Names.TryGetValue(target.Name, out var slot)) slot = DeclareIn(top, target.Name);
            target.Slot = slot;
            return;
        }
        target.Slot = -1;
    }

    private int DeclareIn(Scope scope, string name)
    {
        var slot = _function.SlotCount++;
        scope.Names[name] = slot;
        return slot;
    }

    /// <summary>Where a def-side <c>{% slot %}</c>/<c>{% yield %}</c> finds the caller: the nearest def's <c>caller</c>.</summary>
    public void BindCallerRead(NameExpression e) => BindRead(e);

    /// <summary>
    /// Binds a body in a new scope whose names are <paramref name="targets"/> plus what the body assigns (both forms
    /// of <c>with</c>); returns the scope's slot range so each run can reset it.
    /// </summary>
    public (int Start, int End) BindScopedBody(IReadOnlyList<Syntax.Statements.AssignTarget> targets, Statement body)
    {
        PushScope();
        var start = NextSlot;
        foreach (var t in targets) foreach (var n in t.Names) Declare(n);
        DeclareAssigned(body);
        foreach (var t in targets) t.Bind(this);
        body.Bind(this);
        var end = NextSlot;
        PopScope();
        return (start, end);
    }

    public bool WasRead(int slot) => _function.ReadSlots.Contains(slot);

    public void BindRead(NameExpression e)
    {
        if (_branchLocals.Count > 0) WarnIfBranchLocal(e);
        Resolve(e, e.Name, _scope, 0);
    }

    /// <summary>Called when a scoped branch body (Kida's if/unless/match) is about to close: remembers what it set.</summary>
    public void NoteBranchScopeEnd(SourceSpan span)
    {
        var owner = _scope.Parent;
        if (owner is null) return;
        foreach (var name in _scope.Names.Keys) _closedBranches.Add((owner, name, span.Line));
    }

    /// <summary>Marks the start of an if statement's branches; pass the result to <see cref="EndBranches"/>.</summary>
    public int BeginBranches() => _closedBranches.Count;

    /// <summary>After the whole if statement: what its branches set now warns when read.</summary>
    public void EndBranches(int mark)
    {
        if (_closedBranches.Count == mark) return;
        _branchLocals.AddRange(_closedBranches.Skip(mark));
        _closedBranches.RemoveRange(mark, _closedBranches.Count - mark);
    }

    private void WarnIfBranchLocal(NameExpression e)
    {
        for (var s = _scope; s is not null; s = s.Parent)
        {
            var i = _branchLocals.FindIndex(b => b.Owner == s && b.Name == e.Name);
            if (i < 0)
            {
                // A name declared in a nearer scope is a different variable: the read finds that one.
                if (s.Names.ContainsKey(e.Name)) return;
                continue;
            }
            var setLine = _branchLocals[i].BlockLine;
            // One warning per assignment is enough; later reads of the same name say nothing new.
            _branchLocals.RemoveAll(b => b.Name == e.Name);
            Warnings.Add(new TemplateWarning(ErrorCode.SetReadAfterBlock,
                $"'{e.Name}' is read after the if block (line {setLine}) that sets it; in the Kida dialect that set stays inside the block",
                _templateName, e.Span.Line, $"use {{% let {e.Name} = ... %}} to assign template scope, or set '{e.Name}' before the block"));
            return;
        }
    }

    /// <summary>A new assignment of the name outside the branch makes later reads fine again.</summary>
    private void ForgetBranchLocal(string name)
    {
        if (_branchLocals.Count > 0) _branchLocals.RemoveAll(b => b.Name == name);
    }

    /// <summary>
    /// <c>x ?? [] | length</c> filters the fallback only (filters bind tighter than <c>??</c>), which is rarely meant;
    /// a filter inside parentheses (<c>x ?? ([] | length)</c>) is deliberate and not reported.
    /// </summary>
    public void CheckCoalesceRight(SourceSpan op, Expression right)
    {
        if (right is not FilterExpression filter) return;
        var from = op.Offset + op.Length;
        var to = Math.Min(filter.Span.Offset, _source.Length);
        var depth = 0;
        char quote = '\0';
        for (var i = from; i < to; i++)
        {
            var c = _source[i];
            if (quote != '\0') { if (c == '\\') i++; else if (c == quote) quote = '\0'; continue; }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '(' or '[' or '{': depth++; break;
                case ')' or ']' or '}': depth--; break;
            }
        }
        if (depth != 0) return;
        var fallback = SourceText(new SourceSpan(from, Math.Max(0, to - from), 0, 0)).Trim().TrimEnd('|', '>', '?').Trim();
        Warnings.Add(new TemplateWarning(ErrorCode.FilterAfterCoalesce,
            $"the filter '{filter.Name}' after ?? applies to the fallback '{fallback}' only, not to the whole ?? expression",
            _templateName, op.Line, $"write (... ?? {fallback}) | {filter.Name} to filter either value"));
    }

    private void Resolve(NameExpression e, string name, Scope? s, int depth)
    {
        while (s is not null)
        {
            if (!s.IsModule && s.Names.TryGetValue(name, out var slot))
            {
                e.Slot = slot;
                e.Depth = depth;
                s.Function.ReadSlots.Add(slot);
                var (next, nextDepth) = Up(s, depth);
                var fallback = new NameExpression(name, e.Span);
                Resolve(fallback, name, next, nextDepth);
                e.Fallback = fallback.Slot >= 0 ? fallback : null;
                return;
            }
            (s, depth) = Up(s!, depth);
        }
        e.Slot = -1;
        e.Fallback = null;
    }

    /// <summary>The next scope outward; crossing into an enclosing function adds one frame of depth.</summary>
    private static (Scope? Scope, int Depth) Up(Scope s, int depth)
    {
        var parent = s.Parent;
        if (parent is null) return (null, depth);
        return parent.Function == s.Function ? (parent, depth) : (parent, depth + 1);
    }

    public void BindStore(NameTarget target)
    {
        // A set in the branch's own scope is what NoteBranchScopeEnd records; one after the branch re-assigns.
        if (_branchLocals.Count > 0 && !_scope.Names.ContainsKey(target.Name)) ForgetBranchLocal(target.Name);
        if (_scope.IsModule)
        {
            target.Slot = -1;
            return;
        }
        for (var s = _scope; s is not null && s.Function == _function && !s.IsModule; s = s.Parent)
        {
            if (s.Names.TryGetValue(target.Name, out var slot))
            {
                target.Slot = slot;
                return;
            }
        }
        target.Slot = Declare(target.Name);
    }

    /// <summary>Binds a macro or caller body as a closure over the current function.</summary>
    public void BindMacro(MacroSignature signature)
    {
        var outerFunction = _function;
        var outerScope = _scope;
        _function = new Function(outerFunction, isDef: !signature.IsCallerBody);
        _scope = new Scope(outerScope, _function, isModule: false);
        try
        {
            signature.ParameterSlots = signature.Parameters.Select(Declare).ToArray();
            // A call body (and a named slot) sees the enclosing def's caller, so {% yield %} and {% slot %} reach it.
            var caller = signature.IsCallerBody ? -1 : Declare("caller");
            var varargs = Declare(signature.VarargsName);
            var kwargs = Declare(signature.KwargsName);
            DeclareAssigned(signature.Body);
            if (!signature.IsCallerBody)
            {
                var lets = new List<string>();
                CollectLets(signature.Body, lets);
                foreach (var n in lets) Declare(n);
            }
            foreach (var d in signature.Defaults) d?.Bind(this);
            signature.Body.Bind(this);
            signature.CallerSlot = caller >= 0 && WasRead(caller) ? caller : -1;
            signature.VarargsSlot = WasRead(varargs) || signature.ExplicitVarargs ? varargs : -1;
            signature.KwargsSlot = WasRead(kwargs) || signature.ExplicitKwargs ? kwargs : -1;
            signature.SlotCount = _function.SlotCount;
            if (signature.Name != "caller") MacroNames.Add(signature.Name);
        }
        finally
        {
            _function = outerFunction;
            _scope = outerScope;
        }
    }

    /// <summary>Binds a block body as its own function: blocks do not see the enclosing template's locals.</summary>
    public void BindBlock(BlockStatement block, bool register = true)
    {
        if (register)
        {
            if (Blocks.Any(b => b.Name == block.Name))
                throw Error($"block '{block.Name}' defined twice", block.Span);
            Blocks.Add(block);
        }
        var outerFunction = _function;
        var outerScope = _scope;
        _function = new Function(null);
        _scope = new Scope(null, _function, isModule: false);
        try
        {
            DeclareAssigned(block.Body);
            block.Body.Bind(this);
            block.SlotCount = _function.SlotCount;
        }
        finally
        {
            _function = outerFunction;
            _scope = outerScope;
        }
    }

    /// <summary>Every local visible here, for <c>include</c>, which passes locals to the included template.</summary>
    public (string Name, NameExpression Read)[] VisibleLocals()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var s = _scope; s is not null; s = s.Parent)
            foreach (var n in s.Names.Keys) names.Add(n);
        return names.Select(n =>
        {
            var read = new NameExpression(n, SourceSpan.None);
            Resolve(read, n, _scope, 0);
            return (n, read);
        }).Where(x => x.read.Slot >= 0).ToArray();
    }

    /// <summary>
    /// Inside <c>if</c> and conditional expressions, as in Jinja2, an unknown filter or test only fails if that
    /// code actually runs; elsewhere it is a compile error.
    /// </summary>
    public int ConditionalDepth { get; set; }

    public FilterFunction ResolveFilter(string name, SourceSpan span)
    {
        if (_environment.Filters.TryGetValue(name, out var f)) return f;
        if (ConditionalDepth > 0) return (_, _) => throw new TemplateRuntimeException($"no filter named '{name}' found");
        throw Error($"no filter named '{name}'", span, ErrorCode.UnknownFilter);
    }

    public TestFunction ResolveTest(string name, SourceSpan span)
    {
        if (_environment.Tests.TryGetValue(name, out var t)) return t;
        if (ConditionalDepth > 0) return (_, _) => throw new TemplateRuntimeException($"no test named '{name}' found");
        throw Error($"no test named '{name}'", span, ErrorCode.UnknownTest);
    }

    public void NoteExtends(ExtendsStatement statement)
    {
        HasExtends = true;
        // A dynamic parent ({% extends layout %}) is named by its expression text, so it still weighs as inheritance.
        Parent ??= statement.Parent is ConstantExpression { Value: string s } ? s : SourceText(statement.Parent.Span);
    }

    public void NoteInclude(IncludeStatement statement) => Includes.Add(statement.NameExpression switch
    {
        ConstantExpression { Value: string s } => s,
        var e => SourceText(e.Span),
    });

    private string SourceText(SourceSpan span) =>
        _source.Substring(span.Offset, Math.Max(0, Math.Min(span.Length, _source.Length - span.Offset)));
}
