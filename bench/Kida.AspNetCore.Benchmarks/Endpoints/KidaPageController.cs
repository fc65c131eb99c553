using Kida.AspNetCore.Benchmarks.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Kida.AspNetCore.Benchmarks.Endpoints;

/// <summary><c>GET /kida</c>: MVC's <c>View(model)</c>, found by Kida's view engine as <c>Templates/Views/KidaPage/Index.html</c>.</summary>
public sealed class KidaPageController : Controller
{
    /// <summary>The catalogue page.</summary>
    [HttpGet("/kida")]
    public IActionResult Index() => View(CatalogData.Page);
}
