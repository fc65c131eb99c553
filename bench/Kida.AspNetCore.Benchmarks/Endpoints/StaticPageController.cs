using Microsoft.AspNetCore.Mvc;

namespace Kida.AspNetCore.Benchmarks.Endpoints;

/// <summary>
/// <c>GET /mvc-static</c>: the baseline of the two MVC engines — the same page as a finished string through
/// <c>Content(…)</c>, so routing, the controller, the result executor and the client cost the same and nothing renders.
/// </summary>
public sealed class StaticPageController : Controller
{
    /// <summary>The page as text.</summary>
    [HttpGet("/mvc-static")]
    public IActionResult Index() => Content(StaticPage.Text, "text/html; charset=utf-8");
}
