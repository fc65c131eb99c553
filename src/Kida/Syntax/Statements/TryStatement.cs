using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% try %}body{% fallback [err] %}alt{% end %}</c>: when the body raises an undefined or runtime error its
/// partial output is discarded and <c>alt</c> renders, with <c>err</c> bound to <c>{message, type, template, line}</c>.
/// Syntax errors and missing templates are not caught.
/// </summary>
internal sealed class TryStatement(StatementList body, NameTarget? error, StatementList fallback, SourceSpan span) : Statement(span)
{
    internal StatementList Body => body;
    internal NameTarget? Error => error;
    internal StatementList Fallback => fallback;

    internal override IEnumerable<Statement> ChildStatements => [body, fallback];

    public override void Render(RenderContext ctx)
    {
        var previous = ctx.BeginCapture();
        var providers = ctx.Providers?.Count ?? 0;
        string text;
        TemplateException? failure = null;
        try
        {
            body.Render(ctx);
        }
        catch (TemplateException e) when (e is UndefinedVariableException or TemplateRuntimeException)
        {
            failure = e;
        }
        finally
        {
            text = ctx.EndCapture(previous);
        }
        if (failure is null)
        {
            ctx.Output.Write(text);
            return;
        }
        ctx.Control = LoopControl.None;
        ctx.Providers?.RemoveRange(providers, ctx.Providers.Count - providers);
        if (error is not null)
        {
            var info = new PyDict
            {
                ["message"] = failure.Reason,
                ["type"] = failure is UndefinedVariableException ? "UndefinedError" : "TemplateRuntimeError",
                ["template"] = failure.TemplateName,
                ["line"] = failure.Line is { } l ? PyOps.Box(l) : null,
            };
            error.Assign(ctx, info);
        }
        fallback.Render(ctx);
    }

    internal override void Bind(Binder binder)
    {
        body.Bind(binder);
        error?.Bind(binder);
        fallback.Bind(binder);
    }
}
