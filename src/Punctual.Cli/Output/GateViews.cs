using Punctual.Client;

namespace Punctual.Cli.Output;

internal static class GateViews
{
    public static void WriteTable(TextWriter output, IReadOnlyList<Gate> gates)
    {
        if (gates.Count == 0)
        {
            output.WriteLine("No gates.");
            return;
        }

        var table = new TextTable("NAME", "KIND", "STATE", "RATE", "EFFECTIVE", "BURST", "CONCURRENCY", "BACKLOG", "IN FLIGHT", "WAITING", "ALERT ABOVE");
        foreach (var gate in gates)
        {
            table.Add(
                gate.Name, gate.Kind, State(gate), gate.Rate, gate.EffectiveRate, Display.Number(gate.Burst),
                gate.Concurrency is { } cap ? Display.Number(cap) : "-", Display.Number(gate.Backlog),
                Display.Number(gate.InFlight), Display.Number(gate.Waiting), gate.Alert is { } alert ? Display.Number(alert.BacklogAbove) : "-");
        }

        table.Write(output);
    }

    public static void WriteDetail(TextWriter output, Gate gate)
    {
        output.WriteLine($"gate {gate.Name} ({gate.Kind}): {State(gate)}");
        output.WriteLine($"  rate {gate.Rate} (effective {gate.EffectiveRate}), burst {gate.Burst}, concurrency {(gate.Concurrency is { } cap ? Display.Number(cap) : "no cap")}, adaptive {(gate.Adaptive ? "yes" : "no")}");
        output.WriteLine($"  backlog {gate.Backlog} due, {gate.Waiting} not yet due, {gate.InFlight} in flight");
        if (gate.Alert is { } alert)
        {
            output.WriteLine($"  alert when backlog above {Display.Number(alert.BacklogAbove)}{(alert.For is "0s" ? "" : $" for {alert.For}")} to {string.Join(", ", alert.Channels)}{(alert.Repeat is { } repeat ? $", repeat every {repeat}" : "")}");
        }
    }

    /// <summary>One line after a pause or resume.</summary>
    public static string StateLine(Gate gate) => $"gate {gate.Name}: {State(gate)} (backlog {gate.Backlog}, in flight {gate.InFlight})";

    private static string State(Gate gate) => gate.Paused
        ? "paused"
        : gate.HeldUntil is { } held ? $"held until {Display.Instant(held)}" : "open";
}
