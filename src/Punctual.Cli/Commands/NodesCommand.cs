using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual nodes</c>: the processes serving the store, alive or not.</summary>
internal static class NodesCommand
{
    public static Command Create(CliContext context)
    {
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("nodes", "List the nodes serving the store: id, host, status, last heartbeat, attempts in flight") { output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var nodes = await client.ListNodesAsync(cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new { items = nodes });
            }
            else
            {
                NodeViews.WriteTable(context.Out, nodes);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
