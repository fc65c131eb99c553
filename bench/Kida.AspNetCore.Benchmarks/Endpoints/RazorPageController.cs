using Kida.AspNetCore.Benchmarks.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Kida.AspNetCore.Benchmarks.Endpoints;

/// <summary>
/// <c>GET /razor</c>: MVC's <c>View(model)</c>, found by Razor's view engine as the compiled
/// <c>Views/RazorPage/Index.cshtml</c> (Kida's engine, asked first, misses <c>Index.html</c> once and caches that).
/// </summary>
public sealed class RazorPageController : Controller
{
    /// <summary>The catalogue page.</summary>
    [HttpGet("/razor")]
    public IActionResult Index() => View(CatalogData.Page);
}
