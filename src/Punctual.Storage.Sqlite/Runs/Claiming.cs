using Punctual.Core.Runs;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// One claim (IRunStore.ClaimDueAsync) in one write transaction: one bounded query picks the due runs oldest
/// first, the decider settles or starts each, and started runs get their lease and an open attempt row.
/// The HTTP call happens after the commit, outside any transaction.
/// </summary>
internal static class Claiming
{
    private const int SpecOrdinal = RunRows.ColumnCount;

    // An exclusive run waits while any run of its job is running; its job's spec (or the task's own) governs it.
    // INDEXED BY: without statistics SQLite prefers the (state, id) index and sorts every waiting run, future ones
    // included; the partial due-time index reads only what is due, already in claim order.
    private const string Candidates = $"""
        SELECT {RunRows.Columns}, {RunRows.SpecColumns},
               r.period IS NOT NULL AND EXISTS (
                   SELECT 1 FROM runs s WHERE s.job_id = r.job_id AND s.state = 'succeeded' AND s.period = r.period)
        FROM runs r INDEXED BY runs_claimable
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.state IN ('pending', 'failed') AND r.due_at <= @now
          AND (r.exclusive = 0 OR NOT EXISTS (SELECT 1 FROM runs o WHERE o.job_id = r.job_id AND o.state = 'running'))
        ORDER BY r.due_at, r.id
        LIMIT @limit;
        """;

    public static async Task<ClaimResult> ClaimAsync(Session session, ClaimRequest request, IClaimDecider decider, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var candidates = await session.QueryAsync(
            Candidates,
            reader => new ClaimCandidateRow(
                RunRows.Read(reader),
                reader.GetString(SpecOrdinal),
                reader.GetFlag(SpecOrdinal + 1),
                reader.GetFlag(SpecOrdinal + 2)),
            cancellationToken,
            ("@now", now), ("@limit", request.Limit));

        var claimed = new List<ClaimedRun>();
        var settled = 0;
        var jobsStarted = new HashSet<long>();
        foreach (var candidate in candidates)
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

                var started = await RunRows.FindAsync(session, run.Id, cancellationToken);
                claimed.Add(new ClaimedRun(started!, candidate.SpecJson, candidate.IsTaskSpec, decision.Attempt));
            }
            else
            {
                await SettleAsync(session, run.Id, decision, now, cancellationToken);
                settled++;
            }
        }

        return new ClaimResult(claimed, settled);
    }

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
