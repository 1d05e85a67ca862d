using Punctual.Core.Runs;
using Npgsql;
using Punctual.Core.Gates;
using Punctual.Core.Time;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;
using Punctual.Storage.Gates;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// One claim (IRunStore.ClaimDueAsync) in one transaction of three to five round trips, whatever the batch size:
/// <list type="number">
/// <item>the open gates with due work, locked FOR NO KEY UPDATE SKIP LOCKED (a gate another node is claiming through
/// right now is left to it), and the ungated due runs; due runs are read oldest first in an index's order and locked
/// FOR NO KEY UPDATE SKIP LOCKED: concurrent claims take disjoint runs and never wait for each other, and a run another
/// claim just started is re-checked on its newest version and dropped;</item>
/// <item>only when some gate has room: each such gate's due runs, at most its room (<see cref="GateClaim"/> then shares
/// the claim's slots fairly among the gates);</item>
/// <item>only when some are exclusive: their jobs' rows, locked SKIP LOCKED, then (a new snapshot, after the locks)
/// which of those jobs have a run running. An exclusive run starts only while its claim holds the job's row and sees
/// no running run, and at most one per job per claim, so two nodes never run an exclusive job side by side;</item>
/// <item>the decider's verdicts, applied in one statement: started runs leased, their attempt rows opened, the rest
/// settled; with the gates' new states in the same round trip;</item>
/// <item>COMMIT.</item>
/// </list>
/// The HTTP calls happen after the commit, outside any transaction.
/// </summary>
internal static class Claiming
{
    private const int SpecOrdinal = RunRows.ColumnCount;

    // OFFSET 0 keeps the "is its job running?" check a per-row probe of runs_job_state: without it the planner may
    // hash every running run's job at each claim (measured: 59 ms instead of 0.5 ms with 20,000 runs in flight).
    // GROUP_FILTER: the group's filter (a gate, or none). @commands: whether this node runs command targets; a node
    // that does not leaves those runs to one that does (they stay due, never failed).
    private const string CandidatesOf = $"""
        SELECT {RunRows.Columns}, {RunRows.SpecColumns},
               r.period IS NOT NULL AND EXISTS (
                   SELECT 1 FROM runs s WHERE s.job_id = r.job_id AND s.state = 'succeeded' AND s.period = r.period)
        FROM runs r
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE GROUP_FILTER AND r.state IN ('pending', 'failed') AND r.due_at <= @now
          AND (NOT r.exclusive OR NOT EXISTS (SELECT 1 FROM runs o WHERE o.job_id = r.job_id AND o.state = 'running' OFFSET 0))
          AND (@commands OR j.spec_json IS NULL OR (j.spec_json::jsonb -> 'target' -> 'command') IS NULL)
        ORDER BY r.due_at, r.id
        LIMIT @limit
        FOR NO KEY UPDATE OF r SKIP LOCKED;
        """;

    private static readonly string UngatedCandidates = CandidatesOf.Replace("GROUP_FILTER", "r.gate IS NULL", StringComparison.Ordinal);

    private static readonly string GatedCandidates = CandidatesOf.Replace("GROUP_FILTER", "r.gate = @gate", StringComparison.Ordinal);

    // The open gates with due work (one index probe each), locked SKIP LOCKED: a gate another node is claiming through
    // right now is left to it. With each: its runs in flight when it has a concurrency cap (not counting this node's
    // runs whose attempts already ended, @settling), and, when it is adaptive and idle, its due runs counted up to
    // burst + 1 (the slow-start rule).
    private const string GatesWithDueWork = $"""
        SELECT {GateColumns},
               CASE WHEN COALESCE(g.concurrency, d.concurrency) IS NOT NULL
                    THEN (SELECT count(*) FROM runs r WHERE r.gate = g.name AND r.state = 'running' AND NOT (r.id = ANY(@settling))) END,
               CASE WHEN COALESCE(g.adaptive, d.adaptive) AND (g.state_at IS NULL OR g.state_at <= @idleSince)
                    THEN (SELECT count(*) FROM (
                            SELECT 1 FROM runs r WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at <= @now
                            LIMIT COALESCE(g.burst, d.burst) + 1) due) END,
               d.rate_per_s, d.burst, d.concurrency, d.adaptive, d.floor_per_s
        FROM gates g
        LEFT JOIN gates d ON d.name = '{GateRows.DefaultsName}'
        WHERE g.kind <> 'defaults' AND NOT g.paused
          AND EXISTS (SELECT 1 FROM runs r WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at <= @now)
        FOR NO KEY UPDATE OF g SKIP LOCKED;
        """;

    private const string GateColumns =
        "g.name, g.kind, g.rate_per_s, g.burst, g.concurrency, g.adaptive, g.floor_per_s, g.paused, g.tokens, g.state_at, "
        + "g.effective_rate, g.held_until, g.created_at, g.updated_at";

    private const string SaveGateStates = """
        UPDATE gates g
        SET tokens = u.tokens, state_at = u.state_at, effective_rate = u.rate, held_until = u.held, updated_at = @now
        FROM unnest(@names::text[], @tokens::float8[], @stateAt::timestamptz[], @rates::float8[], @held::timestamptz[])
             AS u(name, tokens, state_at, rate, held)
        WHERE g.name = u.name;
        """;

    private const string LockJobs = "SELECT id FROM jobs WHERE id = ANY(@jobs) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED;";

    private const string RunningJobs = "SELECT DISTINCT job_id FROM runs WHERE job_id = ANY(@jobs) AND state = 'running';";

    private const string Apply = """
        WITH started AS (
            UPDATE runs r
            SET state = 'running', attempt_count = s.attempt, lease_owner = @owner, lease_expires_at = @leaseUntil,
                deadline_at = s.deadline, started_at = COALESCE(r.started_at, @now), updated_at = @now
            FROM unnest(@startIds::bigint[], @startAttempts::int[], @startDeadlines::timestamptz[]) AS s(id, attempt, deadline)
            WHERE r.id = s.id
        ),
        opened AS (
            INSERT INTO attempts (run_id, number, node, started_at)
            SELECT s.id, s.attempt, @owner, @now FROM unnest(@startIds::bigint[], @startAttempts::int[]) AS s(id, attempt)
        )
        UPDATE runs r
        SET state = t.state, reason = t.reason, finished_at = @now, updated_at = @now
        FROM unnest(@settleIds::bigint[], @settleStates::text[], @settleReasons::text[]) AS t(id, state, reason)
        WHERE r.id = t.id;
        """;

    public static async Task<ClaimResult> ClaimAsync(
        Session session, ClaimRequest request, IClaimDecider decider, GateHints hints, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var (gates, candidates) = await CandidatesAsync(session, request, cancellationToken);
        hints.Saw(gates);
        if (candidates.Count == 0)
        {
            var (states, retryAt, waitsForSlot) = gates.Finish(new Dictionary<string, int>());
            if (states.Count > 0)
            {
                await session.ExecuteAsync(SaveGateStates, cancellationToken, SaveParameters(states, now));
            }

            return new ClaimResult([], 0, retryAt, waitsForSlot);
        }

        var free = await FreeExclusiveJobsAsync(session, candidates, cancellationToken);
        var claimed = new List<ClaimedRun>();
        var settled = new List<(long Id, ClaimDecision Decision)>();
        var jobsStarted = new HashSet<long>();
        var startedByGate = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var run = candidate.Run;

            // Its job is held by another node's claim or planning pass, or is running; or a run of it started
            // earlier in this very claim. It waits for the next claim (the running run's completion wakes it).
            if (run.Exclusive && run.JobId is { } exclusiveJob && (!free.Contains(exclusiveJob) || jobsStarted.Contains(exclusiveJob)))
            {
                continue;
            }

            var decision = decider.Decide(candidate, now);
            if (decision.Action == ClaimAction.Start)
            {
                if (run.JobId is { } job)
                {
                    jobsStarted.Add(job);
                }

                if (run.Gate is { } gate)
                {
                    startedByGate[gate] = startedByGate.GetValueOrDefault(gate) + 1;
                }

                claimed.Add(new ClaimedRun(Started(run, decision, request), candidate.SpecJson, candidate.IsTaskSpec, decision.Attempt));
            }
            else
            {
                settled.Add((run.Id, decision));
            }
        }

        // The verdicts and the gates' new states, in one round trip.
        var (gateStates, gateRetryAt, gateWaitsForSlot) = gates.Finish(startedByGate);
        var statements = new List<(string, (string, object?)[])>();
        if (claimed.Count > 0 || settled.Count > 0)
        {
            statements.Add((Apply,
            [
                ("owner", request.Owner),
                ("leaseUntil", request.LeaseUntil),
                ("now", now),
                ("startIds", claimed.Select(c => c.Run.Id).ToArray()),
                ("startAttempts", claimed.Select(c => c.Attempt).ToArray()),
                ("startDeadlines", claimed.Select(c => c.Run.DeadlineAt).ToArray()),
                ("settleIds", settled.Select(s => s.Id).ToArray()),
                ("settleStates", settled.Select(s => RunStates.ToText(s.Decision.Action == ClaimAction.Skip ? RunState.Skipped : RunState.Dead)).ToArray()),
                ("settleReasons", settled.Select(s => s.Decision.Reason).ToArray()),
            ]));
        }

        if (gateStates.Count > 0)
        {
            statements.Add((SaveGateStates, SaveParameters(gateStates, now)));
        }

        if (statements.Count > 0)
        {
            await session.BatchAsync(statements, _ => Task.FromResult(true), cancellationToken);
        }

        return new ClaimResult(claimed, settled.Count, gateRetryAt, gateWaitsForSlot);
    }
    /// <summary>
    /// The open gates with due work and the ungated candidates in one round trip; then, when some gate has room, each
    /// such gate's candidates (at most its room) in a second; then the claim's fair share of them. A gate's rows
    /// beyond its share stay locked until COMMIT; no other claim would take them meanwhile anyway, since this claim
    /// holds the gate.
    /// </summary>
    private static async Task<(GateClaim Gates, List<ClaimCandidateRow> Candidates)> CandidatesAsync(
        Session session, ClaimRequest request, CancellationToken cancellationToken)
    {
        var (now, limit, allowCommands) = (request.Now, request.Limit, request.AllowCommands);
        var settling = request.Settling?.ToArray() ?? [];
        var inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        var due = new Dictionary<string, int>(StringComparer.Ordinal);
        GateLimits? defaults = null;
        var (rows, ungated) = await session.BatchAsync<(List<GateRow>, List<ClaimCandidateRow>)>(
            [
                (GatesWithDueWork, [("now", now), ("idleSince", now - GateMath.IdleBeforeSlowStart), ("settling", settling)]),
                ("SELECT set_config('enable_sort', 'off', true);", []),
                (UngatedCandidates, [("now", now), ("limit", limit), ("commands", allowCommands)]),
            ],
            async reader =>
            {
                var gateRows = await Session.ReadAllAsync(reader, r => ReadGate(r, inFlight, due, ref defaults), cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                return (gateRows, await Session.ReadAllAsync(reader, ReadCandidate, cancellationToken));
            },
            cancellationToken);
        var gates = new GateClaim(rows, defaults, inFlight, due, now);
        var groups = new List<(string?, IReadOnlyList<ClaimCandidateRow>)> { (null, ungated) };
        var rooms = gates.Room(limit).ToList();
        if (rooms.Count > 0)
        {
            groups.AddRange(await session.BatchAsync(
                rooms.Select(room => (GatedCandidates, new (string, object?)[] { ("now", now), ("limit", room.Value), ("gate", room.Key), ("commands", allowCommands) })).ToList(),
                async reader =>
                {
                    var read = new List<(string?, IReadOnlyList<ClaimCandidateRow>)>();
                    foreach (var (gate, _) in rooms)
                    {
                        read.Add((gate, await Session.ReadAllAsync(reader, ReadCandidate, cancellationToken)));
                        await reader.NextResultAsync(cancellationToken);
                    }

                    return read;
                },
                cancellationToken));
        }

        return (gates, gates.Select(limit, groups).ToList());
    }

    private static GateRow ReadGate(NpgsqlDataReader reader, Dictionary<string, int> inFlight, Dictionary<string, int> due, ref GateLimits? defaults)
    {
        var row = GateRows.ReadRow(reader);
        if (!reader.IsDBNull(16))
        {
            defaults = new GateLimits(reader.GetDouble(16), reader.GetInt32(17), reader.GetNullableInt32(18), reader.GetBoolean(19), reader.GetDouble(20));
        }

        if (!reader.IsDBNull(14))
        {
            inFlight[row.Name] = (int)reader.GetInt64(14);
        }

        if (!reader.IsDBNull(15))
        {
            due[row.Name] = (int)reader.GetInt64(15);
        }

        return row;
    }

    private static ClaimCandidateRow ReadCandidate(NpgsqlDataReader reader) => new(
        RunRows.Read(reader),
        reader.GetString(SpecOrdinal),
        reader.GetBoolean(SpecOrdinal + 1),
        reader.GetBoolean(SpecOrdinal + 2));

    private static (string, object?)[] SaveParameters(IReadOnlyList<(string Gate, GateState State)> states, DateTimeOffset now) =>
    [
        ("now", now),
        ("names", states.Select(s => s.Gate).ToArray()),
        ("tokens", states.Select(s => s.State.Tokens).ToArray()),
        ("stateAt", states.Select(s => s.State.UpdatedAt).ToArray()),
        ("rates", states.Select(s => s.State.EffectiveRatePerSecond).ToArray()),
        ("held", states.Select(s => s.State.HeldUntil).ToArray()),
    ];

    /// <summary>The jobs of exclusive candidates that this claim now holds and that have no run running.</summary>
    private static async Task<HashSet<long>> FreeExclusiveJobsAsync(Session session, List<ClaimCandidateRow> candidates, CancellationToken cancellationToken)
    {
        var jobs = candidates.Where(c => c.Run.Exclusive && c.Run.JobId is not null).Select(c => c.Run.JobId!.Value).Distinct().ToArray();
        if (jobs.Length == 0)
        {
            return [];
        }

        // One round trip; the second statement's snapshot is taken after the first has its locks, so it sees every
        // run started by a claim that held one of these jobs before.
        return await session.BatchAsync(
            [(LockJobs, [("jobs", jobs)]), (RunningJobs, [("jobs", jobs)])],
            async reader =>
            {
                var locked = (await Session.ReadAllAsync(reader, r => r.GetInt64(0), cancellationToken)).ToHashSet();
                await reader.NextResultAsync(cancellationToken);
                locked.ExceptWith(await Session.ReadAllAsync(reader, r => r.GetInt64(0), cancellationToken));
                return locked;
            },
            cancellationToken);
    }

    /// <summary>The run as the apply statement leaves it (instants at the store's precision), without reading it back.</summary>
    private static RunRecord Started(RunRecord run, ClaimDecision decision, ClaimRequest request)
    {
        var now = Instants.ToStorePrecision(request.Now);
        return run with
        {
            State = RunState.Running,
            AttemptCount = decision.Attempt,
            LeaseOwner = request.Owner,
            LeaseExpiresAt = Instants.ToStorePrecision(request.LeaseUntil),
            DeadlineAt = decision.DeadlineAt is { } deadline ? Instants.ToStorePrecision(deadline) : null,
            StartedAt = run.StartedAt ?? now,
            UpdatedAt = now,
        };
    }
}
