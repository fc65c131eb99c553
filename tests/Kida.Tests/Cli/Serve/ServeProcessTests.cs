using System.Diagnostics;

namespace Kida.Tests.Cli.Serve;

/// <summary>
/// <c>kida serve</c> as its own process: it prints its URL, serves, and on a termination signal stops cleanly (exit code
/// 0, <c>Stopped.</c>) even with a browser's change-event stream still open. SIGTERM, not SIGINT: a process started in
/// the background by a non-interactive shell (a CI step, a test runner) inherits SIGINT ignored, and cannot be stopped by
/// it; both signals go through the same host lifetime. SIGINT from a terminal was checked by hand.
/// </summary>
public sealed class ServeProcessTests
{
    [Fact]
    public async Task A_termination_signal_stops_the_server_cleanly_with_an_event_stream_open()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals: Windows has no kill -TERM");
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Kida.Cli.dll"), "serve", site, "--port", "0" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
            var at = first.IndexOf("http://", StringComparison.Ordinal);
            if (at < 0) Assert.Fail("no URL in: " + first);
            var url = new Uri(first[at..first.IndexOf(' ', at)]);
            using var client = new HttpClient { BaseAddress = url };
            Assert.Contains("<h1>About us</h1>", await client.GetStringAsync("/about.html"));
            await using var events = await EventStream.OpenAsync(client);
            Assert.Equal("ready", (await events.NextAsync(TimeSpan.FromSeconds(15))).Name);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(0, process.ExitCode);
            var rest = await process.StandardOutput.ReadToEndAsync();
            Assert.EndsWith("Stopped." + Environment.NewLine, rest);
            Assert.Equal("", await process.StandardError.ReadToEndAsync());
            await Assert.ThrowsAsync<EndOfStreamException>(() => events.NextAsync(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
