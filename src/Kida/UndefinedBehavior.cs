namespace Kida;

/// <summary>
/// What a missing variable, attribute or key turns into (Jinja2's <c>undefined=</c> class of an environment). Set it
/// with <see cref="TemplateEnvironmentOptions.UndefinedBehavior"/>; <see cref="TemplateEnvironmentOptions.StrictUndefined"/>
/// = true still selects <see cref="Strict"/>.
/// </summary>
/// <example>
/// <code>
/// var env = new TemplateEnvironment(new TemplateEnvironmentOptions { UndefinedBehavior = UndefinedBehavior.Chainable });
/// env.RenderString("[{{ user.address.city }}]");   // "[]" — no error for the missing user
/// </code>
/// </example>
public enum UndefinedBehavior
{
    /// <summary>
    /// Jinja2's <c>Undefined</c>: prints as "", is false, has length 0, iterates as empty, equals only another
    /// undefined; arithmetic, comparison with <c>&lt;</c>, calling it or reading an attribute or item of it raises
    /// <see cref="UndefinedVariableException"/>.
    /// </summary>
    Default,

    /// <summary>
    /// Jinja2's <c>StrictUndefined</c>: everything but <c>is defined</c>, <c>is undefined</c> and <c>|default</c>
    /// raises <see cref="UndefinedVariableException"/> — printing, iterating, truth, <c>==</c>, <c>in</c> and length included.
    /// </summary>
    Strict,

    /// <summary>
    /// Jinja2's <c>ChainableUndefined</c>: like <see cref="Default"/>, but an attribute or item of an undefined value
    /// is the same undefined value, so <c>{{ a.b.c }}</c> prints "" when <c>a</c> is missing.
    /// </summary>
    Chainable,

    /// <summary>
    /// Jinja2's <c>DebugUndefined</c>: like <see cref="Default"/>, but printing shows what was missing:
    /// <c>{{ name }}</c> for a variable and <c>{{ no such element: dict object['key'] }}</c> for an attribute or item.
    /// </summary>
    Debug,
}
