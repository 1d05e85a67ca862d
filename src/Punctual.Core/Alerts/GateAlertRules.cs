using System.Globalization;
using Punctual.Core.Time;

namespace Punctual.Core.Alerts;

/// <summary>
/// Decides whether a gate's backlog alert holds: more than <c>backlog_above</c> runs due and waiting, without a break for
/// at least <c>for</c>. Pure and stateless (the "since when" comes from the stored due times, not from memory), so every
/// node, and a restarted one, decides alike.
/// </summary>
public static class GateAlertRules
{
    public static AlertCondition Evaluate(string gate, GateAlertSpec spec, GateBacklogFacts facts, DateTimeOffset now)
    {
        var cause = AlertCondition.GateBacklogCause(gate);
        var above = Count(spec.BacklogAbove);
        if (facts.ThresholdDueAt is not { } since || now - since < spec.For)
        {
            return new AlertCondition(cause, AlertKind.GateBacklog, gate, false, $"gate '{gate}' backlog is back to {above} or fewer runs", null);
        }

        var summary = $"gate '{gate}' has {Count(facts.Backlog)} runs waiting (above {above})";
        var detail = spec.For > TimeSpan.Zero
            ? $"more than {above} runs have been waiting for at least {Durations.Format(spec.For)}"
            : null;
        return new AlertCondition(cause, AlertKind.GateBacklog, gate, true, summary, detail);
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
