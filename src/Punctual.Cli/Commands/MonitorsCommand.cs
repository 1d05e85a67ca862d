using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual monitors [NAME]</c>: monitors and their state; <c>punctual monitors token NAME</c>: a new ping URL.</summary>
internal static class MonitorsCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "Show only this monitor, with its newest pings", Arity = ArgumentArity.ZeroOrOne };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("monitors", "List monitors (heartbeats): state (new, up, late, down), expected ping, last ping; 'monitors token NAME' makes a new ping URL")
        {
            name, output,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            if (parse.GetValue(name) is { } one)
            {
                var monitor = await client.GetMonitorAsync(one, cancellationToken);
                if (parse.IsJson(output))
                {
                    JsonOutput.Write(context.Out, monitor);
                }
                else
                {
                    MonitorViews.WriteDetail(context.Out, monitor);
                }

                return ExitCodes.Ok;
            }

            var monitors = await client.ListMonitorsAsync(cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new { items = monitors });
            }
            else
            {
                MonitorViews.WriteTable(context.Out, monitors);
            }

            return ExitCodes.Ok;
        });
        command.Subcommands.Add(Token(context, connection));
        return command;
    }

    private static Command Token(CliContext context, ConnectionOptions connection)
    {
        var name = new Argument<string>("name") { Description = "The monitor" };
        var command = new Command("token", "Make a new ping token for a monitor and print its ping URL (the old one stops working)") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var monitor = await client.RotateMonitorTokenAsync(parse.GetValue(name)!, cancellationToken);
            context.Out.WriteLine(new Uri(client.BaseUri, monitor.PingPath!.TrimStart('/')));
            return ExitCodes.Ok;
        });
        return command;
    }
}
