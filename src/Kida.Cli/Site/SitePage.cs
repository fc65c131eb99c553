using Kida.Cli.Diagnostics;
using Kida.Runtime.Values;

namespace Kida.Cli.Site;

/// <summary>
/// One content file and what its front matter says. The Markdown body is not kept: it is read again when the page
/// renders, so a 50,000-page site holds only front matter in memory.
/// </summary>
internal sealed class SitePage
{
    /// <summary>Path under <c>content/</c>, with forward slashes (<c>blog/hello.md</c>).</summary>
    public required string ContentPath { get; init; }

    /// <summary>How the file is named in messages (<c>site/content/blog/hello.md</c>).</summary>
    public required string DisplayPath { get; init; }

    public required string FullPath { get; init; }

    public required ContentKind Kind { get; init; }

    /// <summary>Size of the content file in bytes; part of the page's scheduling weight.</summary>
    public long Bytes { get; init; }

    /// <summary>Path under the output folder, with forward slashes (<c>blog/hello.html</c>); null if rejected.</summary>
    public string? OutputPath { get; init; }

    public string TemplateName { get; init; } = "page.html";

    /// <summary>Line and column of the <c>template:</c> key, to point at when the template does not exist.</summary>
    public int? TemplateLine { get; init; }

    public int? TemplateColumn { get; init; }

    /// <summary>Character offset of the Markdown body in the file (after the front matter).</summary>
    public int BodyOffset { get; init; }

    /// <summary>Front matter plus <c>url</c>, <c>path</c>, <c>output</c> and <c>section</c>: the entry in <c>site.pages</c>.</summary>
    public PyDict Values { get; init; } = new();

    /// <summary>Why the page cannot render (bad front matter, an output path outside the site); null when it can.</summary>
    public Problem? Problem { get; init; }
}
