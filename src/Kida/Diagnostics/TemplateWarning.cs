namespace Kida;

/// <summary>
/// Something the compiler noticed that is legal but probably not what the author meant (codes <c>K-WARN-NNN</c>).
/// Warnings never stop a template from compiling or rendering.
/// </summary>
public sealed record TemplateWarning(string Code, string Message, string? TemplateName, int Line, string? Suggestion);
