namespace Kida;

/// <summary>
/// Something the compiler noticed that is legal but probably not what the author meant (codes <c>K-WARN-NNN</c>).
/// Warnings never stop a template from compiling or rendering. Read them from <see cref="Template.Warnings"/> after
/// compiling, e.g. to log them or fail a build.
/// </summary>
/// <param name="Code">The stable warning code, e.g. <see cref="Diagnostics.ErrorCode.FilterAfterCoalesce"/> (<c>K-WARN-001</c>).</param>
/// <param name="Message">What looks wrong.</param>
/// <param name="TemplateName">The template's name; null for a template made from a string without a name.</param>
/// <param name="Line">The 1-based line of the construct.</param>
/// <param name="Suggestion">How to write it so it means what was probably intended; null when there is no hint.</param>
public sealed record TemplateWarning(string Code, string Message, string? TemplateName, int Line, string? Suggestion);
