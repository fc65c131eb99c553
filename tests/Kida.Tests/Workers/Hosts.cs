using Kida.Workers;

namespace Kida.Tests.Workers;

/// <summary>Hosts with injected processor counts and variables, so no test touches the process environment.</summary>
internal static class Hosts
{
    public static WorkerTuner Local(int processors) => WorkerTuning.For(WorkerHost.Create(processors));

    public static WorkerTuner WithVariables(int processors, params (string Name, string Value)[] variables) =>
        WorkerTuning.For(WorkerHost.Create(processors, variables.ToDictionary(v => v.Name, v => v.Value)));
}
