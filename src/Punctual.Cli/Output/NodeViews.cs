using Punctual.Client;

namespace Punctual.Cli.Output;

internal static class NodeViews
{
    public static void WriteTable(TextWriter output, IReadOnlyList<Node> nodes)
    {
        if (nodes.Count == 0)
        {
            output.WriteLine("No nodes.");
            return;
        }

        var table = new TextTable("ID", "HOST", "STATUS", "STARTED", "LAST HEARTBEAT", "IN FLIGHT", "VERSION");
        foreach (var node in nodes)
        {
            table.Add(
                node.Id, node.Host, node.Status, Display.Instant(node.StartedAt), Display.Instant(node.LastHeartbeatAt),
                Display.Number(node.InFlight), node.Version);
        }

        table.Write(output);
    }
}
