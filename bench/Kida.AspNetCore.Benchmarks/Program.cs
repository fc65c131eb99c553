using System.Globalization;
using Kida.AspNetCore.Benchmarks;
using Kida.AspNetCore.Benchmarks.Load;

// Load benchmark of issue #16: the same page from Kida's MVC view engine, Razor's compiled views and Fluid, served by
// Kestrel on 127.0.0.1 in this process and loaded by concurrent HttpClients in this process. Options:
//   --requests N      requests per engine per round (default 200000)
//   --concurrency C   concurrent clients (default 16)
//   --rounds R        rounds; each runs every engine once, interleaved, so they share the machine's noise (default 3)
//   --warmup W        untimed requests per engine before the first round, in two interleaved passes (default 20000)
//   --engines a,b     of kida, razor, fluid, static, mvc-static (the default; the last two are the baselines),
//                     kida-api (Kida's minimal-API result), kida-sync (an experiment: a synchronous render, see BenchServer)
//   --smoke           300 requests per engine, concurrency 4, one round: the pages are equal and nothing fails (CI)
//   --markdown FILE   also write the tables to FILE
//   --save-page FILE  write the checked page (the HTML every engine sends) to FILE
//   --profile [N]     after the page check, time the phases of Kida's render path without HTTP (N calls each, default 20000)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int requests = 200_000, concurrency = 16, rounds = 3, warmup = 20_000;
var engines = Engines.Default.ToList();
var smoke = false;
string? markdown = null, savePage = null;
int? profile = null;
try
{
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--requests": requests = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--engines":
            engines = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => e.ToLowerInvariant()).Distinct().ToList();
            foreach (var e in engines) Engines.PathOf(e);
            break;
        case "--smoke": smoke = true; break;
        case "--markdown": markdown = Next(); break;
        case "--save-page": savePage = Next(); break;
        case "--profile":
            profile = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(Next(), CultureInfo.InvariantCulture) : 20_000;
            break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (smoke) (requests, concurrency, rounds, warmup) = (300, 4, 1, 20);

await using var server = await BenchServer.StartAsync();
using var runner = new LoadRunner(server.Address, concurrency);
Console.WriteLine($"Kestrel at {server.Address}; {requests:N0} requests x {concurrency} clients x {rounds} round(s), engines {string.Join(",", engines)}; " +
    $".NET {Environment.Version}, {Environment.ProcessorCount} cores, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

Dictionary<string, byte[]> pages;
try
{
    pages = await PageCheck.RunAsync(runner, engines, Console.Out);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine("page check failed: " + e.Message);
    return 1;
}

if (savePage is not null) await File.WriteAllBytesAsync(savePage, pages.Values.First());
if (profile is { } calls)
{
    await Kida.AspNetCore.Benchmarks.Profile.PhaseProfile.RunAsync(server.Services, calls, Console.Out);
    return 0;
}

runner.Reserve(requests);
for (var pass = 0; pass < 2; pass++)
{
    foreach (var engine in engines)
    {
        var errors = await runner.WarmUpAsync(Engines.PathOf(engine), pages[engine], Math.Max(1, warmup / 2));
        if (errors > 0) { Console.Error.WriteLine($"{engine}: {errors} errors while warming up"); return 1; }
    }
}
if (!smoke) await Task.Delay(TimeSpan.FromSeconds(1));   // let tiered compilation finish its background work

var results = new List<LoadResult>();
for (var round = 1; round <= rounds; round++)
{
    foreach (var engine in engines)
    {
        var result = await runner.RunAsync(engine, round, Engines.PathOf(engine), pages[engine], requests);
        results.Add(result);
        Console.WriteLine(Report.Line(result));
    }
}

var tables = Report.Tables(results, engines);
Console.WriteLine();
Console.WriteLine(tables);
if (markdown is not null) await File.WriteAllTextAsync(markdown, tables);
var failed = results.Where(r => r.Errors > 0).ToList();
foreach (var r in failed) Console.Error.WriteLine($"{r.Engine} round {r.Round}: {r.Errors} errors, first: {r.FirstError}");
return failed.Count == 0 ? 0 : 1;
