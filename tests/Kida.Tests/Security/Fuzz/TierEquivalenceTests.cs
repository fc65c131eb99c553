using CsCheck;

namespace Kida.Tests.Security.Fuzz;

/// <summary>
/// Issue #18: random templates from the fuzzer's generator (mutated corpus templates, generated nesting, random text),
/// rendered on the interpreter and on the compiled tier: the same output, or the same error (type and message, which
/// carries the template name, line and column). KIDA_TIER_CASES sets the case count (default 2,000).
/// </summary>
public class TierEquivalenceTests
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("KIDA_TIER_CASES"), out var n) && n > 0 ? n : 2_000;

    private static readonly Gen<(int Kind, int Seed, int Mutations, int Variant)> Inputs =
        Gen.Select(Gen.Int[0, 9], Gen.Int, Gen.Int[1, 8], Gen.Int[0, 5]);

    private sealed record Outcome(string? Output, string? Error, bool Cancelled, TemplateTier? Tier);

    private static Outcome Run(string source, TemplateEnvironmentOptions options, int variant, TimeSpan budget)
    {
        var env = new TemplateEnvironment(options);
        using var cts = new CancellationTokenSource(budget);
        TemplateTier? tier = null;
        try
        {
            var template = env.FromString(source, variant % 2 == 0 ? "fuzz.html" : "fuzz.txt");
            tier = template.Tier;
            return new Outcome(template.Render(FuzzOracle.Model(), cts.Token), null, false, tier);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return new Outcome(null, null, true, tier);
        }
        catch (Exception e)
        {
            return new Outcome(null, e.GetType().Name + ": " + e.Message, false, tier);
        }
    }

    [Fact]
    public void Random_templates_render_the_same_on_both_tiers()
    {
        int compared = 0, cancelled = 0, errors = 0;
        Inputs.Sample(input =>
        {
            var source = FuzzTests.Build(input.Kind, input.Seed, input.Mutations);
            var options = FuzzOracle.Options[input.Variant % FuzzOracle.Options.Length];
            var interpreted = Run(source, options with { TieredCompilation = false }, input.Variant, TimeSpan.FromSeconds(1));
            // A case the interpreter could not finish in its budget says nothing about equality.
            if (interpreted.Cancelled)
            {
                Interlocked.Increment(ref cancelled);
                return;
            }
            var compiled = Run(source, options with { TieredCompilationThreshold = 0 }, input.Variant, TimeSpan.FromSeconds(30));
            Assert.Equal(TemplateTier.Interpreted, interpreted.Tier ?? TemplateTier.Interpreted);
            if (compiled.Tier is { } tier) Assert.True(tier == TemplateTier.Compiled, $"not compiled: {source}");
            Assert.False(compiled.Cancelled, $"the compiled tier ran out of a 30 s budget the interpreter met in 1 s: {source}");
            Assert.True(interpreted.Output == compiled.Output && interpreted.Error == compiled.Error,
                $"tiers differ for {System.Text.Json.JsonSerializer.Serialize(source)} (variant {input.Variant}):\n" +
                $"interpreted: {interpreted.Output ?? interpreted.Error}\n   compiled: {compiled.Output ?? compiled.Error}");
            Interlocked.Increment(ref compared);
            if (interpreted.Error is not null) Interlocked.Increment(ref errors);
        }, iter: Cases, threads: Math.Max(1, Environment.ProcessorCount), seed: "cAGwEJF2FrY1");

        TestContext.Current.SendDiagnosticMessage($"tiers: {Cases} cases, {compared} compared ({errors} errors), {cancelled} over the interpreter's budget");
        // Both successful renders and errors must be among the compared cases, or the test compares nothing useful.
        Assert.True(compared - errors > Cases / 20 && errors > Cases / 20, $"compared {compared}, errors {errors}");
    }
}
