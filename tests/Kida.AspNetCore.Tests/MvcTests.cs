using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kida.AspNetCore.Tests;

public sealed record Pet(string Name, int Age);

public sealed class PetsController : Controller
{
    [HttpGet("/pets")]
    public IActionResult Index()
    {
        ViewData["Title"] = "Pets";
        ViewBag.Count = 2;
        return View(new[] { new Pet("Rex", 3), new Pet("<Tom>", 5) });
    }

    [HttpGet("/pets/card")]
    public IActionResult Card() => PartialView("Card", new Pet("Solo", 1));

    [HttpGet("/pets/missing")]
    public IActionResult Missing() => View("NoSuchView");

    [HttpGet("/pets/by-path")]
    public IActionResult ByPath() => View("~/Views/Elsewhere/Special.html", new Pet("Path", 9));

    [HttpPost("/pets/flash")]
    [IgnoreAntiforgeryToken]
    public IActionResult Flash()
    {
        TempData["Note"] = "saved";
        TempData["Other"] = "kept";
        return RedirectToAction(nameof(Flashed));
    }

    [HttpGet("/pets/other")]
    public IActionResult Other() => View();

    [HttpGet("/pets/flashed")]
    public IActionResult Flashed() => View();

    [HttpGet("/pets/invalid")]
    public IActionResult Invalid()
    {
        ModelState.AddModelError("Name", "Name is required.");
        ModelState.AddModelError("Name", "Name is too short.");
        ModelState.AddModelError("", "The form has problems.");
        return View();
    }
}

[Area("Admin")]
public sealed class DashboardController : Controller
{
    [HttpGet("/admin")]
    public IActionResult Index() => View(new { users = 42 });

    [HttpGet("/admin/shared")]
    public IActionResult Shared() => View("Footer");
}

/// <summary>The view engine with controllers of this assembly: lookup order, areas, partials, ViewData, TempData, model state.</summary>
public sealed class MvcTests
{
    private static async Task<TestSite> Site(Action<KidaOptions>? configure = null)
    {
        var site = new TestSite();
        site.Write("layout.html", "<title>{{ Title }}</title>{% block body %}{% endblock %}");
        site.Write("Views/Pets/Index.html", "{% extends 'layout.html' %}{% block body %}{{ Count }}:{% for p in model %}{% include 'Views/Shared/Card.html' %}{% endfor %}{% endblock %}");
        site.Write("Views/Shared/Card.html", "[{{ (p or model).Name }} {{ (p or model).Age }}]");
        site.Write("Views/Elsewhere/Special.html", "special {{ model.Name }}");
        site.Write("Views/Pets/Flashed.html", "note={{ temp_data.Note }}");
        site.Write("Views/Pets/Other.html", "other={{ temp_data.Other }} note={{ temp_data.Note }}");
        site.Write("Views/Pets/Invalid.html", "{{ model_state.is_valid }}|{{ model_state.errors.Name | join(',') }}|{{ model_state.messages | length }}|{{ model_state.errors[''] | first }}");
        site.Write("Areas/Admin/Views/Dashboard/Index.html", "admin {{ model.users }} {{ url_for('Pets.Index') }}");
        site.Write("Views/Shared/Footer.html", "shared footer");
        await site.StartAsync("Production", app =>
        {
            app.UseExceptionHandler(error => error.Run(http => http.Response.WriteAsync("error page")));
            app.MapControllers();
        }, configure, services => services.AddControllersWithViews().AddApplicationPart(typeof(MvcTests).Assembly));
        return site;
    }

    [Fact]
    public async Task A_view_extends_a_layout_includes_partials_and_sees_model_and_view_data()
    {
        await using var site = await Site();
        var response = await site.Client.GetAsync("/pets");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("<title>Pets</title>2:[Rex 3][&lt;Tom&gt; 5]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Partial_views_views_by_path_areas_and_shared_fallbacks_resolve()
    {
        await using var site = await Site();
        Assert.Equal("[Solo 1]", await site.Client.GetStringAsync("/pets/card"));
        Assert.Equal("special Path", await site.Client.GetStringAsync("/pets/by-path"));
        Assert.Equal("admin 42 /pets", await site.Client.GetStringAsync("/admin"));
        Assert.Equal("shared footer", await site.Client.GetStringAsync("/admin/shared"));
    }

    [Fact]
    public async Task Temp_data_and_model_state_errors_reach_the_template()
    {
        await using var site = await Site();
        var client = site.Client;
        var post = await client.PostAsync("/pets/flash", null);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, post.Headers.Location);
        request.Headers.Add("Cookie", string.Join("; ", post.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var cookies = string.Join("; ", post.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var flashed = await client.SendAsync(request);
        Assert.Equal("note=saved", await flashed.Content.ReadAsStringAsync());
        // Only the entry the view read was used up: the next request still sees the other one.
        var next = new HttpRequestMessage(HttpMethod.Get, "/pets/other");
        var after = flashed.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : cookies;
        next.Headers.Add("Cookie", after);
        Assert.Equal("other=kept note=", await (await client.SendAsync(next)).Content.ReadAsStringAsync());
        Assert.Equal("False|Name is required.,Name is too short.|3|The form has problems.", await client.GetStringAsync("/pets/invalid"));
    }

    [Fact]
    public async Task A_missing_view_is_a_500_naming_every_searched_location_and_the_app_keeps_serving()
    {
        await using var site = await Site();
        var response = await site.Client.GetAsync("/pets/missing");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("error page", await response.Content.ReadAsStringAsync());
        var logged = site.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException).Select(e => e.Exception!.Message).ToList();
        Assert.Contains(logged, m => m.Contains("Views/Pets/NoSuchView.html") && m.Contains("Views/Shared/NoSuchView.html"));
        Assert.Equal("[Solo 1]", await site.Client.GetStringAsync("/pets/card"));
    }

    [Fact]
    public async Task View_locations_and_the_extension_are_configurable()
    {
        await using var site = new TestSite();
        site.Write("pages/Pets/Card.jinja", "custom {{ model.Name }}");
        await site.StartAsync("Production", app => app.MapControllers(), o =>
        {
            o.ViewExtension = ".jinja";
            o.ViewLocationFormats = ["pages/{1}/{0}"];
        }, services => services.AddControllersWithViews().AddApplicationPart(typeof(MvcTests).Assembly));
        Assert.Equal("custom Solo", await site.Client.GetStringAsync("/pets/card"));
    }
}
