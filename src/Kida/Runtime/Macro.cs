using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>
/// A callable macro (<c>macro</c>/<c>def</c>) or caller body, bound to the frame and template it was defined in.
/// Calling it renders the body and returns its output as a safe string when the template autoescapes.
/// </summary>
/// <remarks>
/// <para>
/// The value of a <c>{% macro name(a, b=1) %}</c> (or Kida's <c>{% def %}</c>), of a macro imported with
/// <c>{% from "forms.html" import input %}</c>, and of <c>caller</c> inside a macro invoked by <c>{% call %}</c> — Jinja2's
/// <c>jinja2.runtime.Macro</c>. Templates read <c>.name</c>, <c>.arguments</c>, <c>.catch_kwargs</c>,
/// <c>.catch_varargs</c> and <c>.caller</c>.
/// </para>
/// <para>
/// A macro runs only inside the render that is using it: it needs that render's state, which only the engine can pass.
/// Host code — a filter given a macro, for example — can inspect it but not call it (see <see cref="Call"/>). A macro
/// value is immutable and holds on to the template it was defined in.
/// </para>
/// </remarks>
public sealed class Macro : IPyCallable, IPyObject, IPyAttributes
{
    private readonly MacroSignature _signature;
    private readonly Frame? _closure;
    private readonly Template _template;
    private readonly Dictionary<string, object?> _vars;
    private readonly VariableSource _root;
    private readonly bool _autoescape;

    internal Macro(MacroSignature signature, RenderContext ctx, Frame? closure)
    {
        _signature = signature;
        _closure = closure;
        _template = ctx.Template;
        _vars = ctx.Vars;
        _root = ctx.Root;
        _autoescape = ctx.Autoescape;
    }

    /// <summary>The macro's name as written in its <c>{% macro %}</c> tag (<c>m.name</c>); <c>caller</c> for a call block.</summary>
    public string Name => _signature.Name;

    internal MacroSignature Signature => _signature;

    /// <summary>The type name in messages, <c>Macro</c>.</summary>
    public string PyTypeName => "Macro";

    /// <summary>How <c>{{ m }}</c> (without parentheses) prints: <c>&lt;Macro 'm'&gt;</c>.</summary>
    public string PyStr() => $"<Macro '{Name}'>";

    /// <summary>Jinja2's macro attributes: <c>name</c>; <c>arguments</c>, the parameter names as a tuple;
    /// <c>catch_kwargs</c>, <c>catch_varargs</c> and <c>caller</c>, whether the body uses <c>kwargs</c>, <c>varargs</c> and
    /// <c>caller</c>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The attribute's value, or <see langword="null"/> for any other name.</param>
    /// <returns>Whether <paramref name="name"/> is one of the five.</returns>
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "name" => Name,
            "arguments" => new PyTuple([.. _signature.Parameters]),
            "catch_kwargs" => PyOps.Box(_signature.KwargsSlot >= 0),
            "catch_varargs" => PyOps.Box(_signature.VarargsSlot >= 0),
            "caller" => PyOps.Box(_signature.CallerSlot >= 0),
            _ => Frame.Unset,
        };
        if (ReferenceEquals(value, Frame.Unset)) { value = null; return false; }
        return true;
    }

    /// <summary>Renders the macro body with the arguments bound to its parameters: <c>{{ m(1, b=2) }}</c>.</summary>
    /// <param name="args">The call's arguments as the engine passes them: positional ones bind to the parameters in
    /// order, extra ones go to <c>varargs</c>, unknown named ones to <c>kwargs</c>; a missing argument takes the parameter's
    /// default, else is undefined (an error under the Kida dialect).</param>
    /// <returns>The rendered text: a <see cref="Markup"/> when the defining template autoescapes (so it is not escaped
    /// again), else a <see cref="string"/>.</returns>
    /// <exception cref="TemplateRuntimeException">
    /// The arguments do not fit the parameters (too many positional ones without <c>varargs</c>, a parameter given twice,
    /// an unknown keyword without <c>kwargs</c>); calls nest deeper than
    /// <see cref="TemplateEnvironmentOptions.MaxCallDepth"/>; or the call does not come from a render in progress — any
    /// <see cref="CallArguments"/> built by host code with its public constructor.
    /// </exception>
    public object? Call(CallArguments args)
    {
        var ctx = args.Context ?? throw new TemplateRuntimeException($"macro '{Name}' can only be called while rendering");
        var sig = _signature;
        RenderContext.EnsureStack();
        if (++ctx.CallDepth > ctx.Environment.Options.MaxCallDepth)
        {
            ctx.CallDepth--;
            throw new TemplateRuntimeException(Diagnostics.ErrorCode.DepthExceeded,
                $"macro '{Name}' nested more than {ctx.Environment.Options.MaxCallDepth} calls deep (infinite recursion?)");
        }

        var frame = new Frame(sig.SlotCount, _closure);
        var saved = (ctx.Frame, ctx.Template, ctx.Vars, ctx.Root, ctx.Autoescape, ctx.BlockChain, ctx.BlockIndex, ctx.Control);
        ctx.Frame = frame;
        ctx.Template = _template;
        ctx.Vars = _vars;
        ctx.Root = _root;
        ctx.Autoescape = _autoescape;
        ctx.Control = LoopControl.None;
        var previous = ctx.BeginCapture();
        string text;
        try
        {
            BindArguments(ctx, frame, args);
            sig.Body.Render(ctx);
        }
        finally
        {
            text = ctx.EndCapture(previous);
            (ctx.Frame, ctx.Template, ctx.Vars, ctx.Root, ctx.Autoescape, ctx.BlockChain, ctx.BlockIndex, ctx.Control) = saved;
            ctx.CallDepth--;
        }
        return _autoescape ? new Markup(text) : text;
    }

    private void BindArguments(RenderContext ctx, Frame frame, CallArguments args)
    {
        var sig = _signature;
        var parameters = sig.Parameters;
        var positional = args.Positional;
        if (positional.Count > parameters.Length)
        {
            if (sig.VarargsSlot < 0)
                throw new TemplateRuntimeException($"macro '{Name}' takes not more than {parameters.Length} argument(s)");
            var extra = new object?[positional.Count - parameters.Length];
            for (var i = 0; i < extra.Length; i++) extra[i] = positional[parameters.Length + i];
            frame.Slots[sig.VarargsSlot] = new PyTuple(extra);
        }
        else if (sig.VarargsSlot >= 0) frame.Slots[sig.VarargsSlot] = PyTuple.Empty;

        PyDict? kwargs = sig.KwargsSlot >= 0 ? new PyDict() : null;
        if (kwargs is not null) frame.Slots[sig.KwargsSlot] = kwargs;
        var caller = (object?)null;
        foreach (var kv in args.Named)
        {
            var index = Array.IndexOf(parameters, kv.Key);
            if (index >= 0)
            {
                if (index < positional.Count)
                    throw new TemplateRuntimeException($"macro '{Name}' got multiple values for argument '{kv.Key}'");
                continue;
            }
            if (kv.Key == "caller") { caller = kv.Value; continue; }
            if (kwargs is null) throw new TemplateRuntimeException($"macro '{Name}' takes no keyword argument '{kv.Key}'");
            kwargs[kv.Key] = kv.Value;
        }
        if (sig.CallerSlot >= 0)
            frame.Slots[sig.CallerSlot] = caller ?? ctx.MakeUndefined("caller", null, UndefinedKind.Variable, "No caller defined");

        // Parameters in order, so a default can use the parameters before it.
        for (var i = 0; i < parameters.Length; i++)
        {
            object? value;
            if (i < positional.Count) value = positional[i];
            else if (!args.TryGet(-1, parameters[i], out value))
            {
                var dflt = sig.Defaults[i];
                if (dflt is null && ctx.KidaDialect && !sig.IsCallerBody)
                    throw new TemplateRuntimeException($"{Name}() missing required argument: '{parameters[i]}'");
                value = dflt is null
                    ? ctx.MakeUndefined(parameters[i], null, UndefinedKind.Variable, $"parameter {PyFormat.Repr(parameters[i])} was not provided")
                    : dflt.Eval(ctx);
            }
            frame.Slots[sig.ParameterSlots[i]] = value;
        }
    }
}
