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
        var allowCommands = new Option<bool>("--allow-commands")
        {
            Description = $"Run command targets (programs on this machine, as this process's user) [env: {EnvironmentVariables.AllowCommands}=true; default: off]",
        };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = $"Log lines as text or json [env: {EnvironmentVariables.LogFormat}; default: text]",
            HelpName = "text|json",
        };
        var command = new Command(
            "serve",
            $"Run the Punctual server. {EnvironmentVariables.AdminKey} sets the bootstrap admin API key.")
        {
            listen, store, allowCommands, logFormat,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var format = parse.GetValue(logFormat) ?? context.Environment.GetVariable(EnvironmentVariables.LogFormat) ?? "text";
            if (!LogFormats.TryParse(format, out var parsedFormat))
            {
                throw new UsageException($"--log-format '{format}' is not a log format; use text or json");
            }

            var allowText = context.Environment.GetVariable(EnvironmentVariables.AllowCommands);
            var allowFromEnvironment = false;
            if (allowText is { Length: > 0 } && !bool.TryParse(allowText, out allowFromEnvironment))
            {
                throw new UsageException($"{EnvironmentVariables.AllowCommands} '{allowText}' is not true or false");
            }

            var settings = new ServeSettings(
                parse.GetValue(listen) ?? context.Environment.GetVariable(EnvironmentVariables.Listen) ?? PunctualServer.DefaultListen,
                parse.GetValue(store) ?? context.Environment.GetVariable(EnvironmentVariables.Store) ?? PunctualServer.DefaultStore,
                context.Environment.GetVariable(EnvironmentVariables.AdminKey))
            {
                AllowCommands = parse.GetValue(allowCommands) || allowFromEnvironment,
                LogFormat = parsedFormat,
            };
            return PunctualServer.RunAsync(settings, context.Out, cancellationToken);
        });
        return command;
    }
}
