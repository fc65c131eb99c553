using Kida.Examples.CompleteExample;
using Kida.Workers;

var result = CompleteExample.Run();

Console.WriteLine($"Processors: {Environment.ProcessorCount}, environment: {WorkerTuning.DetectEnvironment()}, free-threading: {WorkerTuning.IsFreeThreadingEnabled()}");
Console.WriteLine($"Templates found: {result.Pages.Count}");
Console.WriteLine(result.Parallel
    ? $"Decision: parallel, {result.Workers} workers"
    : $"Decision: serial ({result.Pages.Count} tasks is below the parallel threshold of {WorkerTuning.GetProfile(WorkloadType.Render).ParallelThreshold})");
Console.WriteLine("Schedule (heaviest first):");
foreach (var page in result.Pages) Console.WriteLine($"  {page.Weight,5:0.00}  {page.Name}  ({page.Output.Length} characters)");

var first = result.Pages.FirstOrDefault(p => p.Name.StartsWith("pages/", StringComparison.Ordinal)) ?? result.Pages[0];
Console.WriteLine();
Console.WriteLine($"--- {first.Name} ---");
Console.WriteLine(first.Output);
