using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary>One pattern of a <c>{% case %}</c>: <c>_</c>, a name that binds the subject, or a value compared with <c>==</c>.</summary>
internal sealed record MatchPattern(bool IsWildcard, NameTarget? Binding, Expression? Value);

/// <summary>
/// One <c>{% case p1[, p2…] [if guard] %}</c> branch. Several patterns match a list or tuple of exactly that length.
/// </summary>
internal sealed record MatchCase(MatchPattern[] Patterns, bool IsSequence, Expression? Guard, StatementList Body)
{
    internal int ScopeStart;
    internal int ScopeEnd;
}
