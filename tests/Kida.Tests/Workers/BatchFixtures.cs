using Kida.Workers;

namespace Kida.Tests.Workers;

/// <summary>Templates, injected machine figures and helpers shared by the batch tests.</summary>
internal static class BatchFixtures
{
    public static readonly TemplateEnvironment Env = new(new DictLoader(new Dictionary<string, string>
    {
        ["light.html"] = "L{{ n }}",
        ["medium.html"] = "M{{ n }}",
        ["heavy.html"] = "H{{ n }}",
        ["fails.html"] = "{{ n }}{{ missing.attribute }}",
        ["touch.html"] = "T{{ probe.Value }}{% for i in range(3) %}{{ probe.Value }}{% endfor %}",
        ["count.html"] = "C{{ probe.Value }}",
    }));

    /// <summary>Workers take a second to wake: any batch under that stays serial.</summary>
    public static readonly DispatchCosts SlowMachine = new(WakeMicroseconds: 1_000_000, PerJobMicroseconds: 0.1);

    /// <summary>Cheap to start workers: one wakes in 50 µs and costs the caller 2 µs to start; 0.1 µs per job.</summary>
    public static readonly DispatchCosts FastMachine = new(WakeMicroseconds: 50, PerJobMicroseconds: 0.1);

    public static Template T(string name) => Env.GetTemplate(name);

    public static RenderJob Job(string name, int n) => new(T(name), new Dictionary<string, object?> { ["n"] = n });

    public static CostModel Costs(params (string Template, double Microseconds)[] costs)
    {
        var model = new CostModel();
        foreach (var (template, us) in costs) model.SetCost(template, TimeSpan.FromMicroseconds(us));
        return model;
    }

    public static BatchOptions Options(CostModel model, int processors = 4, DispatchCosts? machine = null) => new()
    {
        CostModel = model,
        Host = WorkerHost.Create(processors),
        DispatchCosts = machine ?? FastMachine,
    };
}
