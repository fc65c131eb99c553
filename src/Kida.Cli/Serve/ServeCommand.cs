using System.CommandLine;
using System.Globalization;

namespace Kida.Cli.Serve;

/// <summary>
/// <c>kida serve SITE [--port N]</c>: a live preview of a site on Kestrel at 127.0.0.1. Pages render on request from the
/// current files, exactly as <c>kida render</c> would write them (plus a reload script); an open page reloads when a
/// file of the site changes; a broken page shows its error. Runs until Ctrl+C (or SIGTERM), then stops cleanly.
/// </summary>
internal sealed class ServeCommand(CliConsole console)
{
    public const int DefaultPort = 8000;

    public static Command Create(CliConsole console)
    {
        var site = new Argument<string>("SITE") { Description = "Site folder with templates/, content/ and optionally data/ and static/" };
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("serve", "Preview a site: render pages on request, reload the browser when a file changes") { site, port };
        command.SetAction((parse, cancel) => new ServeCommand(console).RunAsync(parse.GetRequiredValue(site), parse.GetValue(port), cancel));
        return command;
    }

    /// <summary>Serves until <paramref name="stop"/> is cancelled or the process is asked to stop; 0 after a clean stop.</summary>
    public async Task<int> RunAsync(string siteDirectory, int port, CancellationToken stop)
    {
        if (port is < 0 or > 65535) return Usage(string.Create(CultureInfo.InvariantCulture, $"--port must be 0 to 65535, not {port}"));
        if (!Directory.Exists(siteDirectory)) return Usage($"site folder '{siteDirectory}' does not exist");
        SiteServer server;
        try
        {
            server = await SiteServer.StartAsync(siteDirectory, port, console);
        }
        catch (IOException e)
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: cannot listen on 127.0.0.1:{port}: {e.Message}"));
            return 1;
        }
        await using (server)
        {
            console.Out.WriteLine($"Serving {siteDirectory} at {server.Url} (Ctrl+C to stop)");
            await server.WaitForShutdownAsync(stop);
        }
        console.Out.WriteLine("Stopped.");
        return 0;
    }

    private int Usage(string message)
    {
        console.Error.WriteLine("error: " + message);
        return 2;
    }
}
