using Kida.Cli;

namespace Kida.Tests.Cli;

/// <summary>A temporary folder for one test, with helpers to copy sites into it and run <c>kida</c> in-process.</summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "kida-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kida.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Kida.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string ExampleSite => Path.Combine(RepoRoot(), "examples", "site");

    /// <summary>Copies the bundled example site into the sandbox and returns its path.</summary>
    public string CopyExampleSite(string name = "site")
    {
        var target = PathOf(name);
        CopyDirectory(ExampleSite, target);
        return target;
    }

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = KidaApp.Run(args, new CliConsole(stdout, stderr));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every file under a folder, by relative path with forward slashes, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>Asserts two folders hold the same files with the same bytes, naming the first difference.</summary>
    public static void AssertSameFiles(string expectedDirectory, string actualDirectory)
    {
        var expected = Snapshot(expectedDirectory);
        var actual = Snapshot(actualDirectory);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
