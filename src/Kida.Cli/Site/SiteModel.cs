using Kida.Cli.Diagnostics;
using Kida.Runtime.Values;

namespace Kida.Cli.Site;

/// <summary>A loaded site: its pages (sorted by content path), its data, and the <c>site</c> value templates see.</summary>
internal sealed class SiteModel
{
    public required string Root { get; init; }

    /// <summary>How the site folder is named in messages: as the user typed it.</summary>
    public required string DisplayRoot { get; init; }

    public string TemplatesDirectory => Path.Combine(Root, "templates");

    public string TemplatesDisplay => DisplayRoot + "/templates";

    public required IReadOnlyList<SitePage> Pages { get; init; }

    /// <summary><c>site</c> in templates: <c>data</c>, <c>pages</c> and <c>sections</c>.</summary>
    public required PyDict Value { get; init; }

    /// <summary>Site-wide problems: data files that could not be read.</summary>
    public required IReadOnlyList<Problem> Problems { get; init; }
}
