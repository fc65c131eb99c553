using Kida.AspNetCore;
using Microsoft.AspNetCore.Diagnostics;
using Kida.Examples.WebApp.Models;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKida(options => { options.TrimBlocks = true; options.LstripBlocks = true; });
builder.Services.AddControllersWithViews();
builder.Services.AddSingleton<Catalog>();

var app = builder.Build();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseStaticFiles();
app.UseRouting();
app.UseAntiforgery();

// Minimal-API pages: the home page, the 404 page and the production error page.
app.MapGet("/", (Catalog catalog) => Results.Extensions.Template("index.html", new
{
    title = "Home",
    featured = catalog.Products.Where(p => p.InStock).Take(3).ToList(),
})).WithName("home");
// Empty 4xx/5xx responses (an unknown URL, a rejected form post) are re-executed here, with any method.
app.Map("/status/{code:int}", (int code, HttpContext http) =>
{
    var path = http.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? http.Request.Path.Value;
    return code == 404
        ? Results.Extensions.Template("404.html", new { title = "Not found", path }, statusCode: 404)
        : Results.Extensions.Template("status.html", new { title = $"Error {code}", code, path }, statusCode: code);
});
app.Map("/error", () => Results.Extensions.Template("error.html", new { title = "Something went wrong" }, statusCode: 500));
app.MapControllers();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
