using System.Text.RegularExpressions;
using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>Kida's <c>{% spaceless %}…{% end %}</c>: removes whitespace between <c>&gt;</c> and <c>&lt;</c> and trims both ends.</summary>
internal sealed partial class SpacelessStatement(StatementList body, SourceSpan span) : Statement(span)
{
    internal StatementList Body => body;

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var previous = ctx.BeginCapture();
        string text;
        try { body.Render(ctx); }
        finally { text = ctx.EndCapture(previous); }
        ctx.Output.Write(BetweenTags().Replace(text, "><").Trim());
    }

    internal override void Bind(Binder binder) => body.Bind(binder);
}
