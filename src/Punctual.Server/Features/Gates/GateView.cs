using Punctual.Core.Gates;
using Punctual.Storage.Gates;

namespace Punctual.Server.Features.Gates;

/// <summary>
/// A gate as the API shows it: its limits (in the config file's words), and what goes through it now — backlog (runs
/// due and waiting for it), waiting (not yet due), in-flight, the effective rate (below <c>rate</c> while an adaptive
/// gate backs off), the end of a Retry-After hold, and its backlog alert block (null: none).
/// </summary>
public sealed record GateView(
    string Name,
    string Kind,
    string Rate,
    int Burst,
    int? Concurrency,
    bool Adaptive,
    bool Paused,
    int Backlog,
    int Waiting,
    int InFlight,
    string EffectiveRate,
    double EffectiveRatePerSecond,
    DateTimeOffset? HeldUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    GateAlertView? Alert)
{
    public static GateView From(Storage.Gates.GateView gate, DateTimeOffset now)
    {
        var rate = gate.Limits.EffectiveRate(gate.State);
        return new GateView(
            gate.Name,
            gate.IsHostGate ? "host" : "named",
            GateRates.Format(gate.Limits.RatePerSecond),
            gate.Limits.Burst,
            gate.Limits.Concurrency,
            gate.Limits.Adaptive,
            gate.Paused,
            gate.Backlog,
            gate.Waiting,
            gate.InFlight,
            GateRates.Format(rate),
            Math.Round(rate, 3),
            gate.State?.HeldUntil is { } held && held > now ? held : null,
            gate.CreatedAt,
            gate.UpdatedAt,
            gate.Alert is { } alert ? GateAlertView.From(alert) : null);
    }
}
