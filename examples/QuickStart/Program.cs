using Kida.Examples.QuickStart;
using Kida.Workers;

var result = QuickStartExample.Run();

Console.WriteLine($"Processors: {Environment.ProcessorCount}, environment: {WorkerTuning.DetectEnvironment()}, free-threading: {WorkerTuning.IsFreeThreadingEnabled()}");
Console.WriteLine(result.Parallel
    ? $"Rendered {result.Results.Count} contexts in parallel with {result.Workers} workers."
    : $"Rendered {result.Results.Count} contexts serially (below the parallel threshold).");
foreach (var line in result.Results.Take(3)) Console.WriteLine(line);
Console.WriteLine("...");
Console.WriteLine(result.Results[^1]);
