using System.Text;
using Kida.Tests.Security.Fuzz;

// Reads one input (a file path argument, or stdin), compiles and renders it in every fuzz environment, and exits
// non-zero with the reason when the outcome is not output / TemplateException / budget cancellation.
// An uncaught exception (what SharpFuzz reports as a crash) is the same signal. Directories are run file by file
// so a saved corpus or a crash folder can be replayed: `dotnet run -- corpus/`.
static int RunOne(string source)
{
    for (var variant = 0; variant < FuzzOracle.Options.Length; variant++)
        FuzzOracle.Run(source, variant, TimeSpan.FromSeconds(1));
    return 0;
}

static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);

#if SHARPFUZZ
// Built with -p:DefineConstants=SHARPFUZZ and a local SharpFuzz package reference (see ../README.md): libFuzzer mode.
if (args.Length > 0 && args[0] == "--libfuzzer")
{
    SharpFuzz.Fuzzer.LibFuzzer.Run(span => RunOne(Decode(span.ToArray())));
    return 0;
}
#endif

try
{
    if (args.Length == 0) return RunOne(Decode(ReadAll(Console.OpenStandardInput())));
    var failures = 0;
    var files = args.SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories) : [a]).ToList();
    foreach (var file in files)
    {
        try { RunOne(Decode(File.ReadAllBytes(file))); }
        catch (FuzzFindingException e) when (files.Count > 1)
        {
            failures++;
            Console.Error.WriteLine($"{file}: {e.Message}");
        }
    }
    Console.WriteLine($"{files.Count} input(s), {failures} finding(s)");
    return failures == 0 ? 0 : 1;
}
catch (FuzzFindingException e)
{
    Console.Error.WriteLine(e.Message);
    // Rethrow as an unhandled exception so SharpFuzz/libFuzzer record the input as a crash.
    throw;
}

static byte[] ReadAll(Stream s)
{
    using var ms = new MemoryStream();
    s.CopyTo(ms);
    return ms.ToArray();
}
