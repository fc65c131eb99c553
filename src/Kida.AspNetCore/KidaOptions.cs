namespace Kida.AspNetCore;

/// <summary>
/// How <see cref="KidaServiceCollectionExtensions.AddKida"/> sets up the app's <see cref="TemplateEnvironment"/>. Bound from
/// the <c>"Kida"</c> configuration section first, then changed by the delegate given to <c>AddKida</c>.
/// </summary>
/// <example>
/// <code>
/// // appsettings.json: { "Kida": { "TemplateRoot": "Templates", "SlowRenderThreshold": "00:00:00.250" } }
/// builder.Services.AddKida(options =&gt; options.Configure = env =&gt; env.AddFilter("money", v =&gt; $"{v:0.00} €"));
/// </code>
/// </example>
public sealed class KidaOptions
{
    /// <summary>The template folder, relative to the content root (default <c>Templates</c>; empty for the content root itself). Ignored when <see cref="FileProvider"/> is set.</summary>
    public string TemplateRoot { get; set; } = "Templates";

    /// <summary>Where templates are read from instead of <see cref="TemplateRoot"/>: any <see cref="Microsoft.Extensions.FileProviders.IFileProvider"/> (an embedded or composite provider, say).</summary>
    public Microsoft.Extensions.FileProviders.IFileProvider? FileProvider { get; set; }

    /// <summary>Whether a changed template is picked up on the next request (change tokens). Null (the default) means on in Development, off elsewhere, where each template is compiled once.</summary>
    public bool? AutoReload { get; set; }

    /// <summary>The extension an MVC view name gets (<c>return View()</c> in <c>Index</c> finds <c>Index.html</c>).</summary>
    public string ViewExtension { get; set; } = ".html";

    /// <summary>
    /// Where MVC views are looked for, as template names: <c>{0}</c> is the view name with <see cref="ViewExtension"/>,
    /// <c>{1}</c> the controller, <c>{2}</c> the area. Tried in order.
    /// </summary>
    public string[] ViewLocationFormats { get; set; } = ["Views/{1}/{0}", "Views/Shared/{0}"];

    /// <summary>Where MVC views of a controller in an area are looked for; the same placeholders as <see cref="ViewLocationFormats"/>.</summary>
    public string[] AreaViewLocationFormats { get; set; } = ["Areas/{2}/Views/{1}/{0}", "Areas/{2}/Views/Shared/{0}", "Views/Shared/{0}"];

    /// <summary>Renders slower than this are logged as warnings (default half a second); <see cref="TimeSpan.Zero"/> turns the warning off.</summary>
    public TimeSpan SlowRenderThreshold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Jinja2's <c>trim_blocks</c> for every template.</summary>
    public bool TrimBlocks { get; set; }

    /// <summary>Jinja2's <c>lstrip_blocks</c> for every template.</summary>
    public bool LstripBlocks { get; set; }

    /// <summary>Whether an undefined variable raises when printed (Jinja2's <c>StrictUndefined</c>).</summary>
    public bool StrictUndefined { get; set; }

    /// <summary>The language: <see cref="TemplateDialect.Jinja2"/> (default) or <see cref="TemplateDialect.Kida"/>.</summary>
    public TemplateDialect Dialect { get; set; } = TemplateDialect.Jinja2;

    /// <summary>
    /// The last word on the environment's options: receives the options built from the settings above (loader,
    /// auto-reload, trimming) and returns the ones to use — for delimiters, filters, member access and the rest.
    /// </summary>
    public Func<TemplateEnvironmentOptions, TemplateEnvironmentOptions>? ConfigureEnvironment { get; set; }

    /// <summary>Runs once on the new environment, before any template is loaded: add filters, tests and globals here.</summary>
    public Action<TemplateEnvironment>? Configure { get; set; }
}
