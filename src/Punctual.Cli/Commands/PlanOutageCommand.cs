using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual plan-outage --from T --to T</c>: before a maintenance window (or after an incident), what an outage of
/// every node over that window creates on restart — per job, per gate, and how long each gate needs to drain it.
/// Reads only.
/// </summary>
internal static class PlanOutageCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "When the outage starts (ISO-8601)", HelpName = "INSTANT", Required = true };
        var to = new Option<string>("--to") { Description = "When the nodes come back (ISO-8601)", HelpName = "INSTANT", Required = true };
        var attempt = new Option<string?>("--attempt-duration")
        {
            Description = "How long one attempt takes, for gates with a concurrency cap [default: 1s]",
            HelpName = "DURATION",
        };
        var top = new Option<int?>("--top") { Description = "How many jobs to list, most runs first, 1..1000 [default: 20]", HelpName = "N" };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("plan-outage", "Forecast what an outage between two instants creates on restart, per job and gate, and each gate's drain time")
        {
            from, to, attempt, top, output,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var start = InstantOptions.Parse("--from", parse.GetValue(from));
            var end = InstantOptions.Parse("--to", parse.GetValue(to));
            using var client = connection.Connect(parse, context);
            var forecast = await client.ForecastOutageAsync(start, end, parse.GetValue(attempt), parse.GetValue(top), cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, forecast);
            }
            else
            {
                OutageViews.Write(context.Out, forecast);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
