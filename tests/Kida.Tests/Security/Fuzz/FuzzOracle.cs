using System.Diagnostics;

namespace Kida.Tests.Security.Fuzz;

/// <summary>
/// Compiles and renders one fuzz input and judges the outcome. Allowed: output, a <see cref="TemplateException"/>, or
/// cancellation by the per-case time budget. Everything else — another exception type, a TemplateException that
/// merely wraps an engine bug (NullReference, IndexOutOfRange, InvalidCast, ArgumentOutOfRange, KeyNotFound), or a
/// render that outlives its budget without noticing — is a finding. Shared by the CsCheck test and the fuzz/ harness.
/// </summary>
public static class FuzzOracle
{
    /// <summary>Templates the fuzz input may include, import or extend.</summary>
    public static readonly Dictionary<string, string> Library = new()
    {
        ["base.html"] = "<title>{% block title %}T{% endblock %}</title>{% block body %}{% endblock %}",
        ["inc.html"] = "<i>{{ user.name }}</i>{% for t in user.tags %}{{ t }}{% endfor %}",
        ["macros.html"] = "{% macro card(x, n=1) %}<div>{{ n }}{{ x }}{{ caller() if caller }}</div>{% endmacro %}",
        ["self.html"] = "{% include 'self.html' %}",
    };

    public sealed class Thing
    {
        public string Name { get; init; } = "thing<&>";
        public int Count { get; init; } = 3;
        public List<object?> Items { get; init; } = [1, "two", 3.5];
        public Type Kind => typeof(Thing);
        public string Method() => "never";
    }

    /// <summary>A model with every kind of value the engine handles, including sandbox bait.</summary>
    public static Dictionary<string, object?> Model()
    {
        var cyclic = new Dictionary<string, object?> { ["name"] = "loop" };
        cyclic["children"] = new List<object?> { cyclic };
        return new()
        {
            ["user"] = new Dictionary<string, object?> { ["name"] = "Ada <script>", ["age"] = 36, ["tags"] = new List<object?> { "a", "b" } },
            ["users"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "x", ["age"] = 1 }, new Dictionary<string, object?> { ["name"] = "y", ["age"] = 2 } },
            ["items"] = new List<object?> { 3, 1, 2 },
            ["s"] = "<b>\"quoted\" & 'single'</b>",
            ["n"] = null,
            ["x"] = 7,
            ["f"] = 2.5,
            ["big"] = long.MaxValue,
            ["d"] = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = 1 } },
            ["thing"] = new Thing(),
            ["cyclic"] = cyclic,
            ["fn"] = (Func<int>)(() => throw new InvalidOperationException("a delegate was called")),
        };
    }

    /// <summary>Environments fuzz inputs run in: small budgets so nested loops end quickly.</summary>
    public static readonly TemplateEnvironmentOptions[] Options =
    [
        new() { Loader = new DictLoader(Library), MaxOutputLength = 100_000, MaxRangeSize = 1_000, MaxCallDepth = 50, MaxIncludeDepth = 20 },
        new() { Loader = new DictLoader(Library), MaxOutputLength = 100_000, MaxRangeSize = 1_000, MaxCallDepth = 50, Autoescape = true, StrictUndefined = true },
        new() { Loader = new DictLoader(Library), MaxOutputLength = 100_000, MaxRangeSize = 1_000, Dialect = TemplateDialect.Kida, TrimBlocks = true, LstripBlocks = true },
    ];

    /// <summary>How many template errors of each kind (type, and wrapped type if any) the runs produced.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> ErrorKinds = new();

    public enum Outcome { Output, TemplateError, Cancelled }

    /// <summary>Runs the input; returns the outcome or throws <see cref="FuzzFindingException"/> with the reason.</summary>
    public static Outcome Run(string source, int variant, TimeSpan budget)
    {
        var env = new TemplateEnvironment(Options[variant % Options.Length]);
        using var cts = new CancellationTokenSource(budget);
        var clock = Stopwatch.StartNew();
        try
        {
            var template = env.FromString(source, variant % 2 == 0 ? "fuzz.html" : "fuzz.txt");
            template.Render(Model(), cts.Token);
            return Outcome.Output;
        }
        catch (TemplateException e) when (IsEngineBug(e) is { } bug)
        {
            throw new FuzzFindingException($"TemplateException wrapping an engine bug ({bug.GetType().Name}: {bug.Message})", source, e);
        }
        catch (TemplateException e)
        {
            ErrorKinds.AddOrUpdate(e.GetType().Name + (e.InnerException is { } i ? "(" + i.GetType().Name + ")" : ""), 1, (_, c) => c + 1);
            return Outcome.TemplateError;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return Outcome.Cancelled;
        }
        catch (Exception e)
        {
            throw new FuzzFindingException($"{e.GetType().Name}: {e.Message}", source, e);
        }
        finally
        {
            // A render that ignores its token for far longer than the budget is a hang in waiting.
            if (clock.Elapsed > budget * 5 + TimeSpan.FromSeconds(5))
                throw new FuzzFindingException($"took {clock.Elapsed.TotalSeconds:F1}s with a {budget.TotalSeconds:F1}s budget", source, null);
        }
    }

    private static Exception? IsEngineBug(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is NullReferenceException or IndexOutOfRangeException or InvalidCastException or ArgumentOutOfRangeException
                or KeyNotFoundException or ArgumentNullException or StackOverflowException or AccessViolationException
                or OverflowException)
                return inner;
        return null;
    }
}

/// <summary>A fuzz input that produced a forbidden outcome.</summary>
public sealed class FuzzFindingException(string reason, string source, Exception? inner)
    : Exception($"{reason}\n--- input ({source.Length} chars) ---\n{(source.Length > 2000 ? source[..2000] + "…" : source)}", inner)
{
    public string Input { get; } = source;
}
