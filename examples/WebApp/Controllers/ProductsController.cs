using Kida.Examples.WebApp.Models;
using Microsoft.AspNetCore.Mvc;

namespace Kida.Examples.WebApp.Controllers;

/// <summary>The list and detail pages, as MVC views (Templates/Views/Products/*.html).</summary>
public sealed class ProductsController(Catalog catalog) : Controller
{
    [HttpGet("/products", Name = "products")]
    public IActionResult Index(string? category)
    {
        ViewData["Title"] = "Products";
        var products = catalog.Products.Where(p => category is null || p.Category == category).ToList();
        ViewBag.Categories = catalog.Products.Select(p => p.Category).Distinct().ToList();
        ViewBag.Category = category;
        return View(products);
    }

    [HttpGet("/products/{id:int}", Name = "product")]
    public IActionResult Detail(int id)
    {
        var product = catalog.Find(id);
        if (product is null) return NotFound();
        ViewData["Title"] = product.Name;
        return View(product);
    }
}
