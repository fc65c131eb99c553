using System.Runtime.CompilerServices;
using Kida.Syntax;
using Kida.Syntax.Statements;

namespace Kida.Compilation.Tiering;

/// <summary>
/// Which statements can leave <c>break</c>/<c>continue</c> set in <see cref="Runtime.RenderContext.Control"/> when they
/// return: only a <c>{% break %}</c>/<c>{% continue %}</c> itself and statements with one somewhere in their bodies
/// (a loop clears what its own body sets, but its <c>else</c> belongs to the enclosing loop, so any nested one counts:
/// the answer may say "can" where a statement cannot, never the reverse). Macros, call blocks and included templates
/// save and restore the control or refuse <c>break</c> at parse time. Compiled statement lists check the control only
/// after the statements this says can set it.
/// </summary>
internal sealed class LoopControlAnalysis
{
    private readonly Dictionary<Statement, bool> _known = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether <paramref name="statement"/> can return with the loop control set.</summary>
    public bool MaySetControl(Statement statement)
    {
        switch (statement)
        {
            case LoopControlStatement: return true;
            case TextStatement or OutputStatement: return false;
        }
        if (_known.TryGetValue(statement, out var known)) return known;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = false;
        foreach (var child in statement.ChildStatements)
        {
            if (MaySetControl(child))
            {
                result = true;
                break;
            }
        }
        _known[statement] = result;
        return result;
    }
}
