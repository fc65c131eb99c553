// The three examples of the Kida package's readme (docs/nuget/Kida.md), run against the package itself.
// Exits 1 if any output differs from what the readme promises.
using Kida;
using Kida.Workers;

var failures = 0;
void Expect(string what, string actual, string expected)
{
    if (actual == expected) { Console.WriteLine($"ok   {what}: {actual.ReplaceLineEndings(" ")}"); return; }
    Console.Error.WriteLine($"FAIL {what}:\n  expected: {expected}\n  actual:   {actual}");
    failures++;
}

// 1. Render a template from files.
var files = new TemplateEnvironment(new FileSystemLoader(Path.Combine(AppContext.BaseDirectory, "templates")));
var page = files.GetTemplate("page.html");
Expect("template", page.Render(new Dictionary<string, object?> { ["title"] = "Hello", ["items"] = new List<object?> { 1, 2, 3 } }),
    "<title>Hello</title>\n<main><ul><li>1: 1</li><li>2: 2</li><li>3: 3</li></ul></main>");

// 2. Your own filters and globals.
var env = new TemplateEnvironment(new DictLoader(new Dictionary<string, string>
{
    ["hello.txt"] = "{{ name | shout(3) }} {{ greet(name) }}",
}));
env.AddFilter("shout", (value, args) => value?.ToString()!.ToUpperInvariant() + new string('!', (int)args.GetInt(0, "times", 1)));
env.AddGlobal("greet", new TemplateFunction(args => $"Hello, {args.GetString(0, "who", "world")}."));
Expect("filters and globals", env.Render("hello.txt", new Dictionary<string, object?> { ["name"] = "ada" }), "ADA!!! Hello, ada.");

// 3. Many pages through the batch renderer, and the tuning toolkit's decision.
var jobs = Enumerable.Range(1, 200)
    .Select(i => new RenderJob(page, new Dictionary<string, object?> { ["title"] = $"Page {i}", ["items"] = new List<object?> { i } }))
    .ToList();
var result = BatchRenderer.Render(jobs);
Expect("batch", $"{result.Succeeded}/{result.JobCount} {result.Outputs[199]}",
    "200/200 <title>Page 200</title>\n<main><ul><li>1: 200</li></ul></main>");
Console.WriteLine($"     batch ran on {result.WorkersUsed} worker(s): {result.Reason}");
Expect("tuning", $"{WorkerTuning.ShouldParallelize(5)} {WorkerTuning.ShouldParallelize(100)}", "False True");

// Errors are the engine's own, with a position.
try
{
    env.FromString("{% for x in %}", "broken.html");
    Expect("syntax error", "no exception", "TemplateSyntaxException");
}
catch (TemplateSyntaxException e)
{
    Expect("syntax error", $"{e.GetType().Name} {e.TemplateName}:{e.Line}", "TemplateSyntaxException broken.html:1");
}

Console.WriteLine(failures == 0 ? "PackageConsumer: all examples passed" : $"PackageConsumer: {failures} failed");
return failures == 0 ? 0 : 1;
