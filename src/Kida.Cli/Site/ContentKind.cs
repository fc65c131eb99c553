namespace Kida.Cli.Site;

/// <summary>What a content file is: Markdown with optional YAML front matter, or a whole JSON/YAML document.</summary>
internal enum ContentKind
{
    Markdown,
    Document,
}
