namespace Kida.Runtime;

/// <summary>
/// The state of one render: output, variables, block table, include depth. One per render call, never shared
/// between threads; everything it points at that outlives the render (templates, environment) is immutable.
/// </summary>
public sealed partial class RenderContext
{
    internal RenderContext(TemplateEnvironment environment, bool autoescape)
    {
        Environment = environment;
        Autoescape = autoescape;
    }

    public TemplateEnvironment Environment { get; }

    /// <summary>Whether the template being rendered escapes its output.</summary>
    public bool Autoescape { get; internal set; }
}
