using Punctual.Client;

namespace Punctual.Cli.Output;

internal static class AlertViews
{
    public static void WriteChannels(TextWriter output, IReadOnlyList<Channel> channels)
    {
        if (channels.Count == 0)
        {
            output.WriteLine("No channels.");
            return;
        }

        var table = new TextTable("NAME", "TYPE", "DESTINATION");
        foreach (var channel in channels)
        {
            table.Add(channel.Name, channel.Type, Destination(channel));
        }

        table.Write(output);
    }

    public static void WriteChannelDetail(TextWriter output, Channel channel)
    {
        output.WriteLine($"channel {channel.Name} ({channel.Type}): {Destination(channel)}");
        if (channel.Type == "email")
        {
            output.WriteLine($"  smtp {channel.Host}:{channel.Port} ({channel.Tls}){(channel.Username is null ? "" : $", user {channel.Username}")}, from {channel.From}");
        }
    }

    public static void WriteIncidents(TextWriter output, IReadOnlyList<Incident> incidents)
    {
        if (incidents.Count == 0)
        {
            output.WriteLine("No incidents.");
            return;
        }

        var table = new TextTable("ID", "STATE", "KIND", "SUBJECT", "OPENED", "CLOSED", "ALERTS", "DELIVERIES", "SUMMARY");
        foreach (var i in incidents)
        {
            table.Add(
                Display.Number(i.Id), i.State, i.Kind, i.Subject, Display.Instant(i.OpenedAt), Display.Instant(i.ClosedAt),
                Display.Number(i.Alerts), Deliveries(i), Display.Truncate(i.Summary, 60));
        }

        table.Write(output);
        foreach (var failed in incidents.SelectMany(i => i.Deliveries.Where(d => d.State == "failed" || d.LastError is not null).Select(d => (i, d))))
        {
            output.WriteLine($"incident {failed.i.Id}: {failed.d.Event} to channel {failed.d.Channel} {failed.d.State} after {failed.d.Attempts} tries: {failed.d.LastError}");
        }
    }

    private static string Deliveries(Incident incident)
    {
        var sent = incident.Deliveries.Count(d => d.State == "sent");
        var pending = incident.Deliveries.Count(d => d.State == "pending");
        var failed = incident.Deliveries.Count(d => d.State == "failed");
        return $"{sent} sent" + (pending > 0 ? $", {pending} pending" : "") + (failed > 0 ? $", {failed} FAILED" : "");
    }

    private static string Destination(Channel channel) => channel.Type == "email"
        ? string.Join(", ", channel.To ?? [])
        : channel.Url ?? "";
}
