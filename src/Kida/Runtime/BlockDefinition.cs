using Kida.Syntax.Statements;

namespace Kida.Runtime;

/// <summary>One implementation of a named block: the template that defines it and its body.</summary>
internal sealed record BlockDefinition(Template Owner, BlockStatement Block);
