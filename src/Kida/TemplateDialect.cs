namespace Kida;

/// <summary>Which meaning shared syntax takes where Kida and Jinja2 differ (LANGUAGE.md §9).</summary>
public enum TemplateDialect
{
    /// <summary>Jinja2 3.1's meaning: existing Jinja2 templates render unchanged. The default.</summary>
    Jinja2,

    /// <summary>Kida 0.12's meaning, for teams moving templates from Kida (Python).</summary>
    Kida,
}
