namespace Kida.Diagnostics;

/// <summary>
/// Stable error codes, byte-identical to Kida's (<c>K-{AREA}-NNN</c>), so users can search for them. Every
/// <see cref="TemplateException"/> carries one in <see cref="TemplateException.Code"/>, and every
/// <see cref="TemplateWarning"/> in <see cref="TemplateWarning.Code"/>. Areas: <c>LEX</c> and <c>PAR</c> (the text cannot
/// be read; raised when compiling), <c>RUN</c> (while rendering), <c>TPL</c> (loading), <c>SEC</c> (sandbox),
/// <c>WARN</c> (compiler warnings, never raised).
/// </summary>
/// <example>
/// <code>
/// catch (TemplateException e) when (e.Code == ErrorCode.UndefinedVariable) { … }
/// </code>
/// </example>
public static class ErrorCode
{
    /// <summary>
    /// <c>K-LEX-001</c>: the text cannot be split into tokens — an unterminated string literal, a <c>{{</c>/<c>{%</c> or comment
    /// that is never closed, a <c>{% raw %}</c> without <c>{% endraw %}</c>, an unexpected character or an unbalanced bracket.
    /// Raised as <see cref="TemplateSyntaxException"/> when the template is compiled.
    /// </summary>
    public const string LexerError = "K-LEX-001";
    /// <summary>
    /// <c>K-PAR-001</c>: the parser met something it did not expect, such as a missing expression (<c>{{ 1 + }}</c>), a missing
    /// <c>%}</c> or a literal where a variable name must be (<c>{% set 1 = 2 %}</c>); the most common syntax error.
    /// Raised as <see cref="TemplateSyntaxException"/> when the template is compiled.
    /// </summary>
    public const string UnexpectedToken = "K-PAR-001";
    /// <summary>
    /// <c>K-PAR-002</c>: a block tag (<c>if</c>, <c>for</c>, <c>block</c>, <c>macro</c>, …) is never closed before the template
    /// ends, or is closed by the wrong end tag; the message names the tag and the line that opened it. Raised as
    /// <see cref="TemplateSyntaxException"/> when the template is compiled.
    /// </summary>
    public const string UnclosedBlock = "K-PAR-002";
    /// <summary>
    /// <c>K-PAR-003</c>: <c>{% name %}</c> is not a tag of the language (a typo, or a Jinja2 extension tag that is not
    /// supported). Raised as <see cref="TemplateSyntaxException"/> when the template is compiled.
    /// </summary>
    public const string UnknownTag = "K-PAR-003";
    /// <summary>
    /// <c>K-PAR-004</c>: <c>value | name</c> uses a filter that is neither builtin nor added with
    /// <see cref="TemplateEnvironment.AddFilter(string, FilterFunction)"/>. Raised as <see cref="TemplateSyntaxException"/> when the
    /// template is compiled. As in Jinja2, a filter used inside an <c>if</c> branch is checked only when the branch
    /// runs, and then fails as a <see cref="TemplateRuntimeException"/> with <see cref="RuntimeError"/>.
    /// </summary>
    public const string UnknownFilter = "K-PAR-004";
    /// <summary>
    /// <c>K-PAR-005</c>: <c>value is name</c> uses a test that is neither builtin nor added with
    /// <see cref="TemplateEnvironment.AddTest(string, TestFunction)"/>. Raised as <see cref="TemplateSyntaxException"/> when the
    /// template is compiled; inside an <c>if</c> branch, as for filters (<see cref="UnknownFilter"/>), only when it runs.
    /// </summary>
    public const string UnknownTest = "K-PAR-005";
    /// <summary>
    /// <c>K-PAR-006</c>: an assignment targets something that cannot be assigned, such as <c>{% set true = 1 %}</c> or a
    /// <c>??=</c> on more than a single name. Raised as <see cref="TemplateSyntaxException"/> when the template is compiled.
    /// </summary>
    public const string InvalidAssignment = "K-PAR-006";
    /// <summary>
    /// <c>K-RUN-001</c>: a name, attribute or key that does not exist was used where a value is needed — an attribute of an
    /// undefined value, arithmetic on it, or (under <see cref="TemplateEnvironmentOptions.StrictUndefined"/>) printing,
    /// iterating or testing it. Raised as <see cref="UndefinedVariableException"/> while rendering.
    /// </summary>
    public const string UndefinedVariable = "K-RUN-001";
    /// <summary>
    /// <c>K-RUN-004</c>: Kida's code for a missing required value (Python Kida's <c>RequiredValueError</c>). Reserved: this
    /// engine does not raise it yet; the <c>require</c> filter reports <see cref="RuntimeError"/>.
    /// </summary>
    public const string RequiredValue = "K-RUN-004";
    /// <summary>
    /// <c>K-RUN-007</c>: a general error while rendering — bad operand types, division by zero, a filter or function that
    /// failed, an unknown block passed to <see cref="Template.RenderBlock(string, object?)"/>, <see cref="TemplateEnvironmentOptions.MaxOutputLength"/>
    /// or <see cref="TemplateEnvironmentOptions.MaxRangeSize"/> exceeded. The default code of <see cref="TemplateRuntimeException"/>.
    /// </summary>
    public const string RuntimeError = "K-RUN-007";
    /// <summary>
    /// <c>K-RUN-010</c>: rendering nested too deeply — more than <see cref="TemplateEnvironmentOptions.MaxIncludeDepth"/>
    /// includes/imports, an extends chain longer than <see cref="TemplateEnvironmentOptions.MaxExtendsDepth"/> or a template
    /// that extends itself, more than <see cref="TemplateEnvironmentOptions.MaxCallDepth"/> nested macro calls, or the
    /// thread's stack nearly exhausted. Usually a template that includes or calls itself. Raised as
    /// <see cref="TemplateRuntimeException"/>.
    /// </summary>
    public const string DepthExceeded = "K-RUN-010";
    /// <summary>
    /// <c>K-RUN-011</c>: Kida's code for a value of the wrong type. Reserved: this engine does not raise it yet; type errors
    /// while rendering report <see cref="RuntimeError"/>.
    /// </summary>
    public const string TypeMismatch = "K-RUN-011";
    /// <summary>
    /// <c>K-RUN-016</c>: a template was asked for by name (<see cref="TemplateEnvironment.GetTemplate"/>, or
    /// <c>extends</c>/<c>include</c>/<c>import</c> while rendering) but the environment has no loader. Raised as
    /// <see cref="TemplateNotFoundException"/>, so code that catches "not found" still catches it; give the
    /// environment a loader (<see cref="TemplateEnvironmentOptions.Loader"/>) or render with <c>FromString</c>.
    /// </summary>
    public const string NoLoader = "K-RUN-016";
    /// <summary>
    /// <c>K-I18N-001</c>: a GNU gettext catalog (<c>.mo</c>/<c>.po</c>) could not be read; raised as
    /// <see cref="TranslationCatalogException"/> when the catalog is loaded.
    /// </summary>
    public const string CatalogFormat = "K-I18N-001";
    /// <summary>
    /// <c>K-TPL-001</c>: a template could not be loaded — the loader does not have it, the name is refused (<c>..</c>, absolute
    /// paths), or an <c>@alias</c> is unknown (no loader at all is <see cref="NoLoader"/>). Raised as <see cref="TemplateNotFoundException"/> by
    /// <see cref="TemplateEnvironment.GetTemplate"/> and by <c>extends</c>/<c>include</c>/<c>import</c> while rendering.
    /// </summary>
    public const string TemplateNotFound = "K-TPL-001";
    /// <summary>
    /// <c>K-TPL-002</c>: the template is well-formed text but not a valid template, e.g. a block defined twice. The default
    /// code of <see cref="TemplateSyntaxException"/>; raised when the template is compiled.
    /// </summary>
    public const string TemplateSyntax = "K-TPL-002";
    /// <summary>
    /// <c>K-SEC-001</c>: a template reached for something the sandbox forbids — a .NET method, a static member, a delegate
    /// that is not a <see cref="TemplateFunction"/>, or reflection. Raised as <see cref="TemplateSecurityException"/> while
    /// rendering; widen the sandbox with <see cref="TemplateEnvironmentOptions.MemberAccess"/>.
    /// </summary>
    public const string SecurityViolation = "K-SEC-001";
    /// <summary>
    /// <c>K-WARN-001</c> (warning, never raised): a filter directly follows the right side of <c>??</c>, so
    /// <c>x ?? [] | length</c> filters only the fallback <c>[]</c>. Listed in <see cref="Template.Warnings"/>; write
    /// <c>(x ?? []) | length</c> to filter either value.
    /// </summary>
    public const string FilterAfterCoalesce = "K-WARN-001";
    /// <summary>
    /// <c>K-WARN-002</c> (warning, never raised): in the <see cref="TemplateDialect.Kida"/> dialect a name <c>set</c> inside an
    /// <c>if</c>/<c>unless</c> branch is read after the branch, where it is not visible (Jinja2 leaks it). Listed in
    /// <see cref="Template.Warnings"/>; use <c>{% let %}</c>, or set the name before the block.
    /// </summary>
    public const string SetReadAfterBlock = "K-WARN-002";
}
