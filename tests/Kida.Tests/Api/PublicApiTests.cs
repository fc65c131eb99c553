using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace Kida.Tests.Api;

/// <summary>
/// The public surface of each library package (Kida, Kida.Localization, Kida.AspNetCore, Kida.ChatTemplates) is a reviewed file: adding, removing or changing a public member fails
/// this test until <c>{Package}.PublicApi.txt</c> is updated in the same change, so every API change is seen in review.
/// To accept an intended change: run the test with <c>KIDA_ACCEPT_API=1</c> (it rewrites the file), or copy the
/// <c>Kida.PublicApi.received.txt</c> it leaves next to it; then read the diff before committing.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Packages => ["Kida", "Kida.Localization", "Kida.AspNetCore", "Kida.ChatTemplates"];

    private static System.Reflection.Assembly AssemblyOf(string package) => package switch
    {
        "Kida" => typeof(TemplateEnvironment).Assembly,
        "Kida.Localization" => typeof(Kida.Localization.StringLocalizerTranslations).Assembly,
        "Kida.AspNetCore" => typeof(Kida.AspNetCore.KidaOptions).Assembly,
        "Kida.ChatTemplates" => typeof(Kida.ChatTemplates.ChatTemplate).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(package)),
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_API_is_the_reviewed_one(string package)
    {
        var actual = Generate(AssemblyOf(package));
        var folder = SourceFolder();
        var approvedPath = Path.Combine(folder, $"{package}.PublicApi.txt");
        var receivedPath = Path.Combine(folder, $"{package}.PublicApi.received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : "";

        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        if (Environment.GetEnvironmentVariable("KIDA_ACCEPT_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Fail($"The public API of {package} changed ({Summarize(approved, actual)}). If the change is intended, review it and " +
                    $"accept it: KIDA_ACCEPT_API=1 dotnet test --filter PublicApiTests, or copy {receivedPath} over {approvedPath}.");
    }

    [Fact]
    public void The_reviewed_file_lists_only_the_surface_we_mean_to_ship()
    {
        // The syntax tree, lexer, compiler and runtime helpers are implementation details (CHANGELOG 0.9.0).
        var api = Generate(typeof(TemplateEnvironment).Assembly);
        foreach (var ns in new[] { "namespace Kida.Syntax", "namespace Kida.Lexing", "namespace Kida.Compilation", "namespace Kida.Parsing" })
            Assert.DoesNotContain(ns, api);
        foreach (var type in new[] { " class RenderContext\n", " class OutputBuffer\n", " class PyOps\n", " class BuiltinFilters\n", " class MemberAccess\n" })
            Assert.DoesNotContain(type, api);
        Assert.Contains("public sealed class TemplateEnvironment", api);
    }

    private static string Generate(System.Reflection.Assembly assembly) => Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
    {
        // Build metadata, not API: the target-framework stamp and who may see internals.
        ExcludeAttributes =
        [
            "System.Runtime.Versioning.TargetFrameworkAttribute",
            "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
            "System.Reflection.AssemblyMetadataAttribute",
            // Implementation notes to the trimmer; the contract is RequiresUnreferencedCode, which stays listed.
            "System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute",
        ],
    }));

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static string Summarize(string approved, string actual)
    {
        var before = approved.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet();
        var after = actual.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet();
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        var sample = added.Take(3).Select(l => "+ " + l).Concat(removed.Take(3).Select(l => "- " + l));
        return $"{added.Count} lines added, {removed.Count} removed: {string.Join("; ", sample)}";
    }

    /// <summary>The folder of this source file: the reviewed file lives beside the test, in the repository.</summary>
    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
