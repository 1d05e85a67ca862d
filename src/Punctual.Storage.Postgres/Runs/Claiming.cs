using Punctual.Core.Runs;
using Punctual.Core.Time;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// One claim (IRunStore.ClaimDueAsync) in one transaction of three or four round trips, whatever the batch size:
/// <list type="number">
/// <item>the due runs, oldest first, read in the claim index's order and locked FOR NO KEY UPDATE SKIP LOCKED:
/// concurrent claims take disjoint runs and never wait for each other, and a run another claim just started is
/// re-checked on its newest version and dropped;</item>
/// <item>only when some are exclusive: their jobs' rows, locked SKIP LOCKED, then (a new snapshot, after the locks)
/// which of those jobs have a run running. An exclusive run starts only while its claim holds the job's row and sees
/// no running run, and at most one per job per claim, so two nodes never run an exclusive job side by side;</item>
/// <item>the decider's verdicts, applied in one statement: started runs leased, their attempt rows opened, the rest settled;</item>
/// <item>COMMIT.</item>
/// </list>
/// The HTTP calls happen after the commit, outside any transaction.
/// </summary>
internal static class Claiming
{
    private const int SpecOrdinal = RunRows.ColumnCount;

    // OFFSET 0 keeps the "is its job running?" check a per-row probe of runs_job_state: without it the planner may
    // hash every running run's job at each claim (measured: 59 ms instead of 0.5 ms with 20,000 runs in flight).
    private const string Candidates = $"""
        SELECT {RunRows.Columns}, {RunRows.SpecColumns},
               r.period IS NOT NULL AND EXISTS (
                   SELECT 1 FROM runs s WHERE s.job_id = r.job_id AND s.state = 'succeeded' AND s.period = r.period)
        FROM runs r
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.state IN ('pending', 'failed') AND r.due_at <= @now
          AND (NOT r.exclusive OR NOT EXISTS (SELECT 1 FROM runs o WHERE o.job_id = r.job_id AND o.state = 'running' OFFSET 0))
        ORDER BY r.due_at, r.id
        LIMIT @limit
        FOR NO KEY UPDATE OF r SKIP LOCKED;
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

    public static async Task<ClaimResult> ClaimAsync(Session session, ClaimRequest request, IClaimDecider decider, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var candidates = await session.QueryInIndexOrderAsync(
            Candidates,
            reader => new ClaimCandidateRow(
                RunRows.Read(reader),
                reader.GetString(SpecOrdinal),
                reader.GetBoolean(SpecOrdinal + 1),
                reader.GetBoolean(SpecOrdinal + 2)),
            cancellationToken,
            ("now", now), ("limit", request.Limit));
        if (candidates.Count == 0)
        {
            return new ClaimResult([], 0);
        }

        var free = await FreeExclusiveJobsAsync(session, candidates, cancellationToken);
        var claimed = new List<ClaimedRun>();
        var settled = new List<(long Id, ClaimDecision Decision)>();
        var jobsStarted = new HashSet<long>();
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

                claimed.Add(new ClaimedRun(Started(run, decision, request), candidate.SpecJson, candidate.IsTaskSpec, decision.Attempt));
            }
            else
            {
                settled.Add((run.Id, decision));
            }
        }

        if (claimed.Count > 0 || settled.Count > 0)
        {
            await session.ExecuteAsync(
                Apply,
                cancellationToken,
                ("owner", request.Owner),
                ("leaseUntil", request.LeaseUntil),
                ("now", now),
                ("startIds", claimed.Select(c => c.Run.Id).ToArray()),
                ("startAttempts", claimed.Select(c => c.Attempt).ToArray()),
                ("startDeadlines", claimed.Select(c => c.Run.DeadlineAt).ToArray()),
                ("settleIds", settled.Select(s => s.Id).ToArray()),
                ("settleStates", settled.Select(s => RunStates.ToText(s.Decision.Action == ClaimAction.Skip ? RunState.Skipped : RunState.Dead)).ToArray()),
                ("settleReasons", settled.Select(s => s.Decision.Reason).ToArray()));
        }

        return new ClaimResult(claimed, settled.Count);
    }

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
