namespace Punctual.Core.Gates;

/// <summary>A gate as one claim sees it: its limits, its stored state, and what runs through it now.</summary>
public sealed record GateSnapshot(string Name, GateLimits Limits, GateState State, int InFlight);

/// <summary>
/// The claim-time decisions of gates, in the order a claim makes them: how many runs each gate could release now
/// (<see cref="Room"/>), how the claim's slots are shared (<see cref="GateShares"/>), the state to store once the
/// started runs are known (<see cref="Consume"/>), and when a gate that held work back can release again
/// (<see cref="RetryAt"/>). Pure: the drivers call it inside the claim transaction, with the gates' rows locked.
/// </summary>
public static class GateAdmission
{
    /// <summary>How many runs the gate could release now, up to <paramref name="wanted"/>.</summary>
    public static int Room(GateSnapshot gate, DateTimeOffset now, int wanted) =>
        GateMath.Take(gate.Limits, gate.State, now, wanted, gate.InFlight).Granted;

    /// <summary>The state to store after <paramref name="started"/> runs went through the gate (at most its room).</summary>
    public static GateState Consume(GateSnapshot gate, DateTimeOffset now, int started) =>
        GateMath.Take(gate.Limits, gate.State, now, started, gate.InFlight).State;

    /// <summary>
    /// When a gate that still holds due work (after this claim) can next release some: at its next token, or when
    /// its Retry-After hold ends. Null when only its concurrency cap holds the work: a completion frees a slot and
    /// wakes the dispatcher.
    /// </summary>
    public static DateTimeOffset? RetryAt(GateSnapshot gate, GateState stored, DateTimeOffset now, int startedNow) =>
        IsFull(gate, startedNow) ? null : GateMath.NextPermitAt(gate.Limits, stored, now);

    /// <summary>Whether the gate's concurrency cap is reached once <paramref name="startedNow"/> more runs went through it.</summary>
    public static bool IsFull(GateSnapshot gate, int startedNow) =>
        gate.Limits.Concurrency is { } cap && gate.InFlight + startedNow >= cap;
}
