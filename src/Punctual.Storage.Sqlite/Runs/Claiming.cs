using System.Text.Json;
using Punctual.Core.Runs;
using Punctual.Storage.Gates;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;
using Punctual.Storage.Sqlite.Gates;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// One claim (IRunStore.ClaimDueAsync) in one write transaction: the open gates with due work are read, bounded
/// queries pick each gate's due runs (at most its room) and the ungated ones, oldest first; <see cref="GateClaim"/>
/// shares the claim's slots among them; the decider settles or starts each; started runs get their lease and an open
/// attempt row, and the gates their new state.
/// The HTTP call happens after the commit, outside any transaction.
/// </summary>
internal static class Claiming
{
    private const int SpecOrdinal = RunRows.ColumnCount;

    // An exclusive run waits while any run of its job is running; its job's spec (or the task's own) governs it.
    // INDEXED BY: without statistics SQLite may prefer the (state, id) index and sort every waiting run, future ones
    // included; the partial due-time indexes read only what is due, already in claim order.
    private const string CandidateColumns = $"""
        SELECT {RunRows.Columns}, {RunRows.SpecColumns},
               r.period IS NOT NULL AND EXISTS (
                   SELECT 1 FROM runs s WHERE s.job_id = r.job_id AND s.state = 'succeeded' AND s.period = r.period)
        """;

    // @commands: whether this node runs command targets; a node that does not leaves those runs due for one that does.
    private const string Waiting = """
          AND (r.exclusive = 0 OR NOT EXISTS (SELECT 1 FROM runs o WHERE o.job_id = r.job_id AND o.state = 'running'))
          AND (@commands = 1 OR j.spec_json IS NULL OR json_extract(j.spec_json, '$.target.command') IS NULL)
        ORDER BY r.due_at, r.id
        LIMIT @limit;
        """;

    private const string GatedCandidates = $"""
        {CandidateColumns}
        FROM runs r INDEXED BY runs_gate_due
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.gate = @gate AND r.state IN ('pending', 'failed') AND r.due_at <= @now
        {Waiting}
        """;

    private const string UngatedCandidates = $"""
        {CandidateColumns}
        FROM runs r INDEXED BY runs_ungated_due
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.gate IS NULL AND r.state IN ('pending', 'failed') AND r.due_at <= @now
        {Waiting}
        """;

    // The open gates with due work: one index probe per gate.
    private const string GatesWithDueWork = $"""
        SELECT {GateRows.Columns} FROM gates g
        WHERE g.kind <> 'defaults' AND g.paused = 0
          AND EXISTS (SELECT 1 FROM runs r INDEXED BY runs_gate_due WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at <= @now);
        """;

    public static async Task<ClaimResult> ClaimAsync(Session session, ClaimRequest request, IClaimDecider decider, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var gates = await ReadGatesAsync(session, request, cancellationToken);
        var groups = new List<(string?, IReadOnlyList<ClaimCandidateRow>)>
        {
            (null, await CandidatesAsync(session, UngatedCandidates, null, request, request.Limit, cancellationToken)),
        };
        foreach (var (gate, room) in gates.Room(request.Limit))
        {
            groups.Add((gate, await CandidatesAsync(session, GatedCandidates, gate, request, room, cancellationToken)));
        }

        var claimed = new List<ClaimedRun>();
        var settled = 0;
        var jobsStarted = new HashSet<long>();
        var startedByGate = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in gates.Select(request.Limit, groups))
        {
            var run = candidate.Run;

            // The query saw the job idle, but a run of it started earlier in this very claim: wait for the next one.
            if (run.Exclusive && run.JobId is { } exclusiveJob && jobsStarted.Contains(exclusiveJob))
            {
                continue;
            }

            var decision = decider.Decide(candidate, now);
            if (decision.Action == ClaimAction.Start)
            {
                await StartAsync(session, run.Id, decision, request, cancellationToken);
                if (run.JobId is { } job)
                {
                    jobsStarted.Add(job);
                }

                if (run.Gate is { } gate)
                {
                    startedByGate[gate] = startedByGate.GetValueOrDefault(gate) + 1;
                }

                var started = await RunRows.FindAsync(session, run.Id, cancellationToken);
                claimed.Add(new ClaimedRun(started!, candidate.SpecJson, candidate.IsTaskSpec, decision.Attempt));
            }
            else
            {
                await SettleAsync(session, run.Id, decision, now, cancellationToken);
                settled++;
            }
        }

        var (states, retryAt, waitsForSlot) = gates.Finish(startedByGate);
        foreach (var (gate, state) in states)
        {
            await GateRows.SaveStateAsync(session, gate, state, now, cancellationToken);
        }

        return new ClaimResult(claimed, settled, retryAt, waitsForSlot);
    }

    /// <summary>
    /// The open gates with due work, with what their decisions need: runs in flight (capped gates; not counting the
    /// runs whose attempts already ended, <see cref="ClaimRequest.Settling"/>), due counts (idle adaptive gates).
    /// </summary>
    private static async Task<GateClaim> ReadGatesAsync(Session session, ClaimRequest request, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var settling = JsonSerializer.Serialize(request.Settling ?? []);
        var rows = await session.QueryAsync(GatesWithDueWork, GateRows.ReadRow, cancellationToken, ("@now", now));
        var defaults = rows.Count > 0 ? await GateRows.DefaultsAsync(session, cancellationToken) : null;
        var inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        var due = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var limits = row.Limits ?? defaults;
            if (limits?.Concurrency is not null)
            {
                inFlight[row.Name] = Convert.ToInt32(await session.ScalarAsync(
                    """
                    SELECT COUNT(*) FROM runs INDEXED BY runs_gate_running
                    WHERE gate = @gate AND state = 'running' AND id NOT IN (SELECT value FROM json_each(@settling));
                    """,
                    cancellationToken,
                    ("@gate", row.Name), ("@settling", settling)));
            }

            if (GateClaim.NeedsDueCount(row, defaults, now))
            {
                due[row.Name] = Convert.ToInt32(await session.ScalarAsync(
                    """
                    SELECT COUNT(*) FROM (
                        SELECT 1 FROM runs INDEXED BY runs_gate_due
                        WHERE gate = @gate AND state IN ('pending', 'failed') AND due_at <= @now LIMIT @limit);
                    """,
                    cancellationToken,
                    ("@gate", row.Name), ("@now", now), ("@limit", limits!.Burst + 1)));
            }
        }

        return new GateClaim(rows, defaults, inFlight, due, now);
    }

    private static async Task<IReadOnlyList<ClaimCandidateRow>> CandidatesAsync(
        Session session, string sql, string? gate, ClaimRequest request, int limit, CancellationToken cancellationToken) =>
        await session.QueryAsync(
            sql,
            reader => new ClaimCandidateRow(
                RunRows.Read(reader),
                reader.GetString(SpecOrdinal),
                reader.GetFlag(SpecOrdinal + 1),
                reader.GetFlag(SpecOrdinal + 2)),
            cancellationToken,
            ("@now", request.Now), ("@limit", limit), ("@gate", gate), ("@commands", request.AllowCommands));

    private static async Task StartAsync(Session session, long runId, ClaimDecision decision, ClaimRequest request, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            UPDATE runs
            SET state = 'running', attempt_count = @attempt, lease_owner = @owner, lease_expires_at = @leaseUntil,
                deadline_at = @deadline, started_at = COALESCE(started_at, @now), updated_at = @now
            WHERE id = @id;
            """,
            cancellationToken,
            ("@id", runId),
            ("@attempt", decision.Attempt),
            ("@owner", request.Owner),
            ("@leaseUntil", request.LeaseUntil),
            ("@deadline", decision.DeadlineAt),
            ("@now", request.Now));
        await AttemptRows.OpenAsync(session, runId, decision.Attempt, request.Owner, request.Now, cancellationToken);
    }

    private static Task SettleAsync(Session session, long runId, ClaimDecision decision, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE runs SET state = @state, reason = @reason, finished_at = @now, updated_at = @now WHERE id = @id;",
            cancellationToken,
            ("@id", runId),
            ("@state", decision.Action == ClaimAction.Skip ? RunStates.ToText(RunState.Skipped) : RunStates.ToText(RunState.Dead)),
            ("@reason", decision.Reason),
            ("@now", now));
}
