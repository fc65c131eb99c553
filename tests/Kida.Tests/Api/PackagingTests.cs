using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Kida.Tests.Api;

/// <summary>The repository's packaging facts that nothing else checks before CI packs (see .ci/package-check).</summary>
public sealed partial class PackagingTests
{
    private static readonly string Root = RepositoryRoot();

    private static string Version() =>
        VersionElement().Match(File.ReadAllText(Path.Combine(Root, "Directory.Build.props"))).Groups[1].Value;

    [Fact]
    public void Every_package_has_one_version_and_the_changelog_describes_it()
    {
        var version = Version();
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", version);
        Assert.Contains($"## {version} ", File.ReadAllText(Path.Combine(Root, "CHANGELOG.md")));
        foreach (var project in new[] { "src/Kida/Kida.csproj", "src/Kida.Cli/Kida.Cli.csproj" })
            Assert.DoesNotContain("<Version>", File.ReadAllText(Path.Combine(Root, project)));
    }

    [Fact]
    public void The_package_consumer_defaults_to_the_current_version()
    {
        // CI passes the version explicitly; a user who runs the example by hand gets the default, which must not lag.
        var consumer = File.ReadAllText(Path.Combine(Root, "examples/PackageConsumer/PackageConsumer.csproj"));
        Assert.Contains($">{Version()}</KidaVersion>", consumer);
        Assert.Contains("<PackageReference Include=\"Kida\" Version=\"$(KidaVersion)\"", consumer);
        Assert.DoesNotContain("ProjectReference", consumer);
    }

    [Fact]
    public void The_licence_is_MIT_and_ships_in_every_package()
    {
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(Root, "LICENSE")));
        var props = File.ReadAllText(Path.Combine(Root, "Directory.Build.props"));
        Assert.Contains("<PackageLicenseExpression>MIT</PackageLicenseExpression>", props);
        Assert.Contains("LICENSE\" Pack=\"true\"", props);
    }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();

    private static string RepositoryRoot([CallerFilePath] string path = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(path)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kida.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kida.slnx not found above " + path);
    }
}
