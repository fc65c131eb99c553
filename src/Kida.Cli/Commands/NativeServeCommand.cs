#if !KIDA_SERVE
using System.CommandLine;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida serve</c> in the native build: the live preview runs on ASP.NET Core, which this build leaves out (its
/// hosting and MVC parts are not trimmable), so the command says where to find it instead of "unrecognized command".
/// </summary>
internal static class NativeServeCommand
{
    public static Command Create(CliConsole console)
    {
        var site = new Argument<string>("SITE") { Description = "Site folder" };
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1" };
        var command = new Command("serve", "Preview a site (not in the native build: use the .NET tool)") { site, port };
        command.SetAction(_ =>
        {
            console.Error.WriteLine("error: kida serve is not in the native build; run it from the .NET tool (dotnet tool install --global Kida.Cli) or with dotnet run --project src/Kida.Cli");
            return 2;
        });
        return command;
    }
}
#endif
