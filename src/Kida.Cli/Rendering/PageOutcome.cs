using Kida.Cli.Diagnostics;
using Kida.Cli.Site;

namespace Kida.Cli.Rendering;

/// <summary>How one page went: written, or failed with a problem; and how long it took.</summary>
internal sealed record PageOutcome(SitePage Page, Problem? Problem, TimeSpan Elapsed)
{
    public bool Succeeded => Problem is null;
}
