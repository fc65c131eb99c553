using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Kida.AspNetCore.Benchmarks.Catalog;
using Kida.AspNetCore.Benchmarks.Endpoints;
using Kida.AspNetCore.Mvc;
using Kida.AspNetCore.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;

namespace Kida.AspNetCore.Benchmarks.Profile;

/// <summary>
/// <c>--profile</c>: the render phases of one request without HTTP, on one thread, one after another (the machine's
/// other cores are free to take the worker of an async render): what each step of Kida's path costs in wall time,
/// in the process's processor time (every thread: the async render's worker too) and in allocated bytes
/// (<see cref="GC.GetTotalAllocatedBytes"/>, every thread), beside Fluid's render of the same page.
/// The writer is a <see cref="HttpResponseStreamWriter"/> over <see cref="Stream.Null"/>, as MVC gives a view.
/// </summary>
public static class PhaseProfile
{
    /// <summary>Runs every phase <paramref name="iterations"/> times (after as many warm-up runs) and prints a table.</summary>
    /// <param name="services">The running app's services (the environment, the writer, Fluid's pages).</param>
    /// <param name="iterations">Calls per phase.</param>
    /// <param name="output">Where the table goes.</param>
    /// <returns>Completes when done.</returns>
    public static async Task RunAsync(IServiceProvider services, int iterations, TextWriter output)
    {
        var responseWriter = services.GetRequiredService<TemplateResponseWriter>();
        var template = responseWriter.Load("Views/KidaPage/Index.html");
        var fluid = services.GetRequiredService<FluidPages>();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = Stream.Null;
        var model = CatalogData.Page;
        var utf8 = new UTF8Encoding(false);

        // What KidaView.RenderAsync hands the template (model, view_data, temp_data, model_state).
        Dictionary<string, object?> Variables() => new(StringComparer.Ordinal)
        {
            ["model"] = model,
            ["view_data"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["temp_data"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["model_state"] = new ModelStateView(new ModelStateDictionary()),
        };
        var variables = Variables();

        var phases = new (string Name, Func<Task> Run)[]
        {
            ("Kida: Template.Render(writer, model, globals) — synchronous, the thread's pooled state", async () =>
            {
                await using var w = new HttpResponseStreamWriter(Stream.Null, utf8);
                template.Render(w, variables, new WebGlobals(http), CancellationToken.None);
                await w.FlushAsync();
            }),
            ("Kida: Template.RenderAsync(writer, model, globals) — worker thread + channel of chunks", async () =>
            {
                await using var w = new HttpResponseStreamWriter(Stream.Null, utf8);
                await template.RenderAsync(w, variables, new WebGlobals(http));
                await w.FlushAsync();
            }),
            ("Kida: TemplateResponseWriter.RenderAsync (RenderAsync + metrics + log checks)", async () =>
            {
                await using var w = new HttpResponseStreamWriter(Stream.Null, utf8);
                await responseWriter.RenderAsync(http, template, variables, new WebGlobals(http), w);
            }),
            ("Kida: the above + KidaView's per-request dictionaries", async () =>
            {
                await using var w = new HttpResponseStreamWriter(Stream.Null, utf8);
                await responseWriter.RenderAsync(http, template, Variables(), new WebGlobals(http), w);
            }),
            ("Fluid: IFluidTemplate.RenderAsync(writer, HtmlEncoder.Default, new TemplateContext(model))", async () =>
            {
                await using var w = new HttpResponseStreamWriter(Stream.Null, utf8);
                await fluid.Page.RenderAsync(w, HtmlEncoder.Default, new TemplateContext(model, fluid.Options));
                await w.FlushAsync();
            }),
        };

        output.WriteLine($"phase profile: {iterations:N0} sequential calls per phase, one request at a time, page of {template.Render(variables).Length:N0} characters");
        output.WriteLine();
        output.WriteLine("| phase | wall µs per call (median of 5 blocks) | CPU µs per call, process (median of 5 blocks) | allocated B per call (all threads) |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, run) in phases)
        {
            for (var i = 0; i < iterations; i++) await run();
            var times = new double[5];
            var cpu = new double[5];
            long bytes = 0;
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            for (var block = 0; block < times.Length; block++)
            {
                var per = Math.Max(1, iterations / times.Length);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpuStarted = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < per; i++) await run();
                times[block] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / per;
                process.Refresh();
                cpu[block] = (process.TotalProcessorTime - cpuStarted).TotalMicroseconds / per;
                bytes += (GC.GetTotalAllocatedBytes(precise: true) - allocated) / per;
            }
            Array.Sort(times);
            Array.Sort(cpu);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times[2]:F2} | {cpu[2]:F2} | {bytes / times.Length:N0} |"));
        }
    }
}
