using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Server.Hosting;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual serve</c>: runs the server (API, scheduler, dispatcher) until SIGINT/SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var listen = new Option<string?>("--listen")
        {
            Description = $"Address to listen on [env: {EnvironmentVariables.Listen}; default: {PunctualServer.DefaultListen}]",
            HelpName = "URL",
        };
        var store = new Option<string?>("--store")
        {
            Description = $"Where state lives: sqlite:<path> [env: {EnvironmentVariables.Store}; default: {PunctualServer.DefaultStore}]",
            HelpName = "STORE",
        };
        var command = new Command(
            "serve",
            $"Run the Punctual server. {EnvironmentVariables.AdminKey} sets the bootstrap admin API key.")
        {
            listen, store,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new ServeSettings(
                parse.GetValue(listen) ?? context.Environment.GetVariable(EnvironmentVariables.Listen) ?? PunctualServer.DefaultListen,
                parse.GetValue(store) ?? context.Environment.GetVariable(EnvironmentVariables.Store) ?? PunctualServer.DefaultStore,
                context.Environment.GetVariable(EnvironmentVariables.AdminKey));
            return PunctualServer.RunAsync(settings, context.Out, cancellationToken);
        });
        return command;
    }
}
