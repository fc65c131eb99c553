using Kida.Syntax;
using Kida.Syntax.Expressions;

namespace Kida.Runtime;

/// <summary>
/// Where a tag names a template (<c>extends</c>, <c>include</c>, <c>import</c>, <c>from … import</c>,
/// <c>embed</c>): resolves the name on each render, and remembers the answer when the name is a plain literal, so
/// the hot path of a page with a layout and partials skips hashing the names into the environment's cache.
/// The remembered template belongs to one environment and one generation of its cache
/// (<see cref="TemplateEnvironment.ClearTemplateCache"/> starts a new one), so a cleared cache is never bypassed.
/// Relative (<c>./</c>, <c>../</c>) and aliased (<c>@</c>) names are always resolved.
/// </summary>
internal sealed class TemplateNameSite(Expression name)
{
    private sealed record Resolved(TemplateEnvironment Environment, int Generation, Template Template);

    // Written once per environment and cache generation, read by every render: an immutable record behind one
    // reference, so a racing render sees either the old answer or the new one.
    private Resolved? _resolved;

    public Expression Name { get; } = name;

    public Template Resolve(RenderContext ctx)
    {
        var environment = ctx.Environment;
        if (environment.RemembersTemplateNames && _resolved is { } r && ReferenceEquals(r.Environment, environment) && r.Generation == environment.CacheGeneration)
            return r.Template;
        var generation = environment.CacheGeneration;
        var template = TemplateLoading.Resolve(ctx, Name.Eval(ctx));
        if (Name is ConstantExpression { Value: string literal } && !literal.StartsWith('@')
            && !literal.StartsWith("./", StringComparison.Ordinal) && !literal.StartsWith("../", StringComparison.Ordinal))
            _resolved = new Resolved(environment, generation, template);
        return template;
    }
}
