using System.CommandLine;
using System.Globalization;
using Punctual.Cli.Invocation;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual ping NAME [start|success|fail|EXIT-STATUS]</c>: pings a monitor by name (with the API key).</summary>
internal static class PingCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The monitor" };
        var kind = new Argument<string>("signal") { Description = "start, success (default), fail, or an exit status 0-255", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "success" };
        var connection = new ConnectionOptions();
        var command = new Command("ping", "Ping a monitor: start, success, fail or an exit status") { name, kind };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var signal = parse.GetValue(kind)!;
            int? exit = null;
            if (signal is not ("start" or "success" or "fail"))
            {
                if (!int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status > 255)
                {
                    throw new UsageException($"'{signal}' is not start, success, fail or an exit status 0-255");
                }

                exit = status;
                signal = status == 0 ? "success" : "fail";
            }

            using var client = connection.Connect(parse, context);
            await client.PingMonitorAsync(parse.GetValue(name)!, signal, exit, null, cancellationToken);
            context.Out.WriteLine($"monitor {parse.GetValue(name)}: {signal}{(exit is { } e ? $" (exit {e})" : "")} recorded");
            return ExitCodes.Ok;
        });
        return command;
    }
}
