using Kida.Cli;

return KidaApp.Run(args, CliConsole.System());
