namespace Kida;

/// <summary>
/// A translatable message found by <see cref="TemplateEnvironment.ExtractTranslations"/>: a <c>{% trans %}</c> tag or
/// a call of a gettext function with its string arguments (Jinja2's <c>extract_translations</c> tuple).
/// </summary>
/// <param name="Line">The 1-based line of the call or tag.</param>
/// <param name="Function">The gettext function: <c>gettext</c>, <c>ngettext</c>, <c>pgettext</c>, <c>npgettext</c> for tags, the called name (e.g. <c>_</c>) for calls.</param>
/// <param name="Strings">
/// The arguments in order: each string literal, null for any other argument and each keyword argument (Babel style),
/// or only the string literals when extracted with <c>babelStyle: false</c>. For <c>ngettext</c> that is singular,
/// plural, null (the count); Babel's single message is <c>Strings[0]</c> when there is one argument.
/// </param>
public sealed record ExtractedMessage(int Line, string Function, IReadOnlyList<string?> Strings);
