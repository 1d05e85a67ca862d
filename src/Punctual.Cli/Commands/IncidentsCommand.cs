using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual incidents</c>: open and recent incidents, with their deliveries' failures.</summary>
internal static class IncidentsCommand
{
    public static Command Create(CliContext context)
    {
        var open = new Option<bool>("--open") { Description = "Only the open incidents" };
        var limit = new Option<int>("--limit") { Description = "Most incidents to show (1..1000)", DefaultValueFactory = _ => 50 };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("incidents", "List incidents (open and recent), newest first, with failed alert deliveries") { open, limit, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var incidents = await client.ListIncidentsAsync(parse.GetValue(open), parse.GetValue(limit), cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new { items = incidents });
            }
            else
            {
                AlertViews.WriteIncidents(context.Out, incidents);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
