using Punctual.Client;

namespace Punctual.Cli.Output;

internal static class MonitorViews
{
    public static void WriteTable(TextWriter output, IReadOnlyList<MonitorInfo> monitors)
    {
        if (monitors.Count == 0)
        {
            output.WriteLine("No monitors.");
            return;
        }

        var table = new TextTable("NAME", "STATE", "EXPECTS", "GRACE", "LAST PING", "EXPECTED", "LAST EXIT", "DURATION");
        foreach (var m in monitors)
        {
            table.Add(
                m.Name, m.State.ToUpperInvariant(), Expects(m), m.Grace, Display.Instant(m.LastPingAt), Display.Instant(m.ExpectedAt),
                m.LastExitStatus is { } exit ? Display.Number(exit) : "-", Display.Duration(m.LastDurationMs));
        }

        table.Write(output);
    }

    public static void WriteDetail(TextWriter output, MonitorInfo monitor)
    {
        output.WriteLine($"monitor {monitor.Name}: {monitor.State.ToUpperInvariant()} ({monitor.StateReason})");
        output.WriteLine($"  expects {Expects(monitor)}, grace {monitor.Grace}; channels: {(monitor.Channels.Count == 0 ? "none" : string.Join(", ", monitor.Channels))}");
        foreach (var ping in monitor.Pings ?? [])
        {
            output.WriteLine($"  {Display.Instant(ping.At)}  {ping.Kind,-7} {(ping.ExitStatus is { } e ? $"exit {e}" : ""),-8} {Display.Duration(ping.DurationMs)}");
        }
    }

    private static string Expects(MonitorInfo m) => m.Schedule is { } cron ? $"{cron} ({m.Timezone})" : $"every {m.Period}";
}
