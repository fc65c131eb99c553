using Kida.Cli.Diagnostics;
using Kida.Cli.Site;

namespace Kida.Cli.Rendering;

/// <summary>A page to render with its compiled template, or the problem that stops it before rendering.</summary>
internal sealed record PageJob(SitePage Page, Template? Template, Problem? Problem, double Weight);
