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

    public bool WasRead(int slot) => _function.ReadSlots.Contains(slot);

    public void BindRead(NameExpression e) => Resolve(e, e.Name, _scope, 0);

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

    public void NoteSuper(SourceSpan span) { }

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

    public void RequireLoop(string keyword, SourceSpan span) { }
}
