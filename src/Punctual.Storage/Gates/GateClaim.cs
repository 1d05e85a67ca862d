using Punctual.Core.Gates;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Gates;

/// <summary>A gate's row as a claim reads it (locked): its own limits (null for a host gate), pause and stored state.</summary>
public sealed record GateRow(string Name, GateLimits? Limits, bool Paused, GateState? State);

/// <summary>
/// The gate side of one claim, shared by both drivers so they decide alike: the driver reads the gates that have due
/// work (their rows locked), asks <see cref="Room"/> how many runs each may release, fetches that many candidates per
/// gate (oldest due first) plus the ungated ones, lets <see cref="Select"/> share the claim's slots among them, runs
/// the decider on the selection, and stores what <see cref="Finish"/> returns for each gate.
/// </summary>
public sealed class GateClaim
{
    /// <summary>What a host gate allows while no defaults are stored (a store used without an engine): no real limit.</summary>
    private static readonly GateLimits Unlimited = GateLimits.Create(GateLimits.MaxRatePerSecond, 1_000_000, null, adaptive: false);

    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, GateSnapshot> _gates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fetched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _room = new(StringComparer.Ordinal);

    /// <param name="rows">The unpaused gates with due work, locked by this claim.</param>
    /// <param name="hostDefaults">The limits of host gates (null: no defaults stored yet, host gates do not limit).</param>
    /// <remarks>Every run with a gate is fetched through its gate; runs without one (created before gates) go ungated.</remarks>
    /// <param name="inFlight">Runs running through each gate with a concurrency cap.</param>
    /// <param name="dueAtLeast">For idle adaptive gates (<see cref="NeedsDueCount"/>): their due runs, counted up to burst + 1.</param>
    public GateClaim(
        IEnumerable<GateRow> rows,
        GateLimits? hostDefaults,
        IReadOnlyDictionary<string, int> inFlight,
        IReadOnlyDictionary<string, int> dueAtLeast,
        DateTimeOffset now)
    {
        _now = now;
        foreach (var row in rows.Where(r => !r.Paused))
        {
            var limits = row.Limits ?? hostDefaults ?? Unlimited;
            var state = row.State ?? GateState.Initial(limits, now);
            if (dueAtLeast.TryGetValue(row.Name, out var due) && GateMath.ShouldSlowStart(limits, state, now, due))
            {
                state = GateState.SlowStart(limits, now);
            }

            _gates[row.Name] = new GateSnapshot(row.Name, limits, state, inFlight.GetValueOrDefault(row.Name));
        }
    }

    /// <summary>Whether an adaptive gate this claim went through runs below its rate (its successes then speed it up again).</summary>
    public bool AnySlowed => _gates.Values.Any(g => g.Limits.Adaptive && g.State.EffectiveRatePerSecond < g.Limits.RatePerSecond);

    /// <summary>Whether the driver should count this gate's due runs (up to burst + 1) for the slow-start rule.</summary>
    public static bool NeedsDueCount(GateRow row, GateLimits? hostDefaults, DateTimeOffset now) =>
        (row.Limits ?? hostDefaults) is { Adaptive: true } && (row.State is null || now - row.State.UpdatedAt >= GateMath.IdleBeforeSlowStart);

    /// <summary>How many candidates to fetch for each limiting gate: its room, at most <paramref name="slots"/>; gates with no room are left out.</summary>
    public IReadOnlyDictionary<string, int> Room(int slots)
    {
        foreach (var gate in _gates.Values)
        {
            _room[gate.Name] = GateAdmission.Room(gate, _now, slots);
        }

        return _room.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Shares <paramref name="slots"/> fairly among the groups of fetched candidates (one per gate, plus the ungated
    /// ones under the null key), each in due order, and returns the selection in due order.
    /// </summary>
    public IReadOnlyList<ClaimCandidateRow> Select(int slots, IReadOnlyList<(string? Gate, IReadOnlyList<ClaimCandidateRow> Candidates)> groups)
    {
        // A gate with room whose fetch came back short (even empty: its due runs wait for their jobs' running runs, or
        // for a node that runs commands) holds nothing back itself: it must not make the dispatcher retry at once.
        foreach (var (gate, candidates) in groups)
        {
            if (gate is not null)
            {
                _fetched[gate] = candidates.Count;
            }
        }

        var ordered = groups.Where(g => g.Candidates.Count > 0)
            .OrderBy(g => g.Candidates[0].Run.DueAt).ThenBy(g => g.Candidates[0].Run.Id)
            .ToList();

        var shares = GateShares.Split(slots, ordered.Select(g => g.Candidates.Count).ToList());
        return ordered.SelectMany((g, i) => g.Candidates.Take(shares[i]))
            .OrderBy(c => c.Run.DueAt).ThenBy(c => c.Run.Id)
            .ToList();
    }

    /// <summary>
    /// The state to store for every gate this claim locked (tokens spent by the runs it started, a slow start, an ended
    /// hold), the earliest time a gate that still holds due work can release again, and whether some gate holds due
    /// work back because its concurrency cap is reached (an attempt's end frees a slot).
    /// </summary>
    public (IReadOnlyList<(string Gate, GateState State)> States, DateTimeOffset? RetryAt, bool WaitsForSlot) Finish(IReadOnlyDictionary<string, int> started)
    {
        var states = new List<(string, GateState)>();
        DateTimeOffset? retryAt = null;
        var waitsForSlot = false;
        foreach (var gate in _gates.Values)
        {
            var count = started.GetValueOrDefault(gate.Name);
            var state = GateAdmission.Consume(gate, _now, count);
            states.Add((gate.Name, state));

            // Work remains behind the gate when it had no room, released fewer than were fetched, or filled its room
            // (more may be due beyond what was fetched).
            var remains = !_fetched.TryGetValue(gate.Name, out var fetched) || count < fetched || fetched >= _room.GetValueOrDefault(gate.Name);
            if (remains && GateAdmission.RetryAt(gate, state, _now, count) is { } at && (retryAt is null || at < retryAt))
            {
                retryAt = at;
            }

            waitsForSlot |= remains && GateAdmission.IsFull(gate, count);
        }

        return (states, retryAt, waitsForSlot);
    }
}
