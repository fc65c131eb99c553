namespace Kida;

/// <summary>Which code renders a template (<see cref="Template.Tier"/>); both produce the same output and the same errors.</summary>
public enum TemplateTier
{
    /// <summary>The tree-walking interpreter over the bound tree: every template starts here, and Native AOT stays here.</summary>
    Interpreted,

    /// <summary>A delegate compiled from the bound tree in the background once the template was hot (issue #18).</summary>
    Compiled,
}
