using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// <c>{% name %}…{% endname %}</c> for a name in <see cref="TemplateEnvironmentOptions.SpanTags"/>: renders the body
/// unchanged and, when the render collects spans and the body writes straight into the template's output, records the
/// range the body produced. Spans are recorded when the body ends, so an inner span comes before the one around it.
/// </summary>
internal sealed class SpanStatement(string tag, StatementList body, SourceSpan span) : Statement(span)
{
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        if (ctx.Spans is not { } recording || !ReferenceEquals(ctx.Output, recording.Output))
        {
            body.Render(ctx);
            return;
        }
        var start = ctx.Output.Position;
        body.Render(ctx);
        var end = ctx.Output.Position;
        recording.Sink.Add(new OutputSpan(tag, start, end - start));
    }

    internal override void Bind(Binder binder) => body.Bind(binder);
}
