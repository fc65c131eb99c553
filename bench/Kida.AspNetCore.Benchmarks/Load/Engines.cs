namespace Kida.AspNetCore.Benchmarks.Load;

/// <summary>The pages under load, by the names <c>--engines</c> takes.</summary>
public static class Engines
{
    /// <summary>Kida's MVC view engine.</summary>
    public const string Kida = "kida";

    /// <summary>Razor's compiled views.</summary>
    public const string Razor = "razor";

    /// <summary>Fluid through a minimal-API result.</summary>
    public const string Fluid = "fluid";

    /// <summary>Kida's minimal-API result (<c>Results.Extensions.Template</c>), the same template as the view.</summary>
    public const string KidaApi = "kida-api";

    /// <summary>Experiment (not the package): the template rendered synchronously into the response's <c>PipeWriter</c>.</summary>
    public const string KidaSync = "kida-sync";

    /// <summary>Baseline: the finished page from a minimal-API endpoint (Kestrel, routing and the client; no rendering).</summary>
    public const string Static = "static";

    /// <summary>Baseline: the finished page through an MVC controller's <c>Content(…)</c> (MVC's own cost; no view).</summary>
    public const string MvcStatic = "mvc-static";

    /// <summary>Every name, in the order they run in a round.</summary>
    public static readonly string[] All = [Kida, Razor, Fluid, KidaApi, KidaSync, Static, MvcStatic];

    /// <summary>The engines that render the page (the rest send it finished).</summary>
    public static readonly string[] Renderers = [Kida, Razor, Fluid, KidaApi, KidaSync];

    /// <summary>What runs when <c>--engines</c> is not given: the three of the issue and the two baselines.</summary>
    public static readonly string[] Default = [Kida, Razor, Fluid, Static, MvcStatic];

    /// <summary>The request path of an engine's page.</summary>
    /// <param name="engine">One of <see cref="All"/>.</param>
    /// <returns>The path, relative to the server's address.</returns>
    public static string PathOf(string engine) => engine switch
    {
        Kida or Razor or Fluid or KidaApi or KidaSync or Static or MvcStatic => engine,
        _ => throw new ArgumentException($"unknown engine '{engine}' (known: {string.Join(", ", All)})", nameof(engine)),
    };

    /// <summary>The baseline whose cost an engine's figures include: MVC's for the view engines, the minimal API's for Fluid.</summary>
    /// <param name="engine">A renderer.</param>
    /// <returns>The baseline's name, or null for a baseline itself.</returns>
    public static string? BaselineOf(string engine) => engine switch
    {
        Kida or Razor => MvcStatic,
        Fluid or KidaApi or KidaSync => Static,
        _ => null,
    };
}
