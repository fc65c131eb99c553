using Kida.AspNetCore.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;

namespace Kida.AspNetCore.Mvc;

/// <summary>
/// One MVC view backed by a Kida template. The template sees <c>model</c>, every <c>ViewData</c>/<c>ViewBag</c> entry
/// by its name (<c>ViewBag.Title</c> is <c>{{ Title }}</c>), <c>view_data</c>, <c>temp_data</c> (an entry read is used up, one not read stays, as in Razor), <c>model_state</c>
/// (<c>is_valid</c>, <c>errors</c>: field → messages, <c>messages</c>: all of them), and the web globals
/// (<c>request</c>, <c>url_for</c>, <c>csrf_input</c>…). Layouts are <c>{% extends %}</c>, partials <c>{% include %}</c>.
/// </summary>
public sealed class KidaView : IView
{
    private readonly TemplateResponseWriter _writer;

    internal KidaView(string path, TemplateResponseWriter writer)
    {
        Path = path;
        _writer = writer;
    }

    /// <summary>The template's name in the template folder.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task RenderAsync(ViewContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var template = _writer.Load(Path);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in context.ViewData) variables[key] = value;
        variables["model"] = context.ViewData.Model;
        variables["view_data"] = new Dictionary<string, object?>(context.ViewData, StringComparer.Ordinal);
        variables["temp_data"] = context.TempData is { } tempData ? new TempDataView(tempData) : new Dictionary<string, object?>();
        variables["model_state"] = new ModelStateView(context.ModelState);
        return _writer.RenderAsync(context.HttpContext, template, variables, new WebGlobals(context.HttpContext), context.Writer);
    }
}
