using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// The end of attempts, applied to each run only if it is still running that attempt under that lease owner: a
/// stale worker, a node whose lease was taken over, or a completion after a cancel changes nothing. A whole batch
/// is ONE statement over unnest arrays — runs fenced and moved, attempt rows closed, jobs paused where asked —
/// shared by completions and lease expiry. The UPDATE re-checks its fence on the newest row version, so a run
/// settled concurrently by another node is never settled twice.
/// </summary>
internal static class Settlement
{
    /// <summary>
    /// What ended: which attempt, held by whom, when, how, and what the run becomes. <see cref="OwnersAttemptOnly"/>:
    /// close the attempt row only if <see cref="Owner"/> made it (a stray completion must not write over another
    /// node's attempt); lease expiry closes whatever attempt was in flight.
    /// </summary>
    public sealed record Ending(
        long RunId,
        int Attempt,
        string? Owner,
        DateTimeOffset FinishedAt,
        AttemptResult Result,
        RunState NextState,
        DateTimeOffset? DueAt,
        string? Reason,
        bool PauseJob,
        bool OwnersAttemptOnly);

    // The attempt row is closed whether or not the run moved (if still open), so what the worker saw is kept even
    // when its result came too late to count. Of several endings that pause one job, the first one's time stands.
    private const string Apply = """
        WITH e AS (
            SELECT * FROM unnest(
                @ids::bigint[], @attempts::int[], @owners::text[], @finished::timestamptz[], @nextStates::text[],
                @dues::timestamptz[], @reasons::text[], @statusCodes::int[], @errorClasses::text[], @runFinished::timestamptz[],
                @pause::boolean[], @outcomes::text[], @errors::text[], @excerpts::text[], @ownersOnly::boolean[])
            WITH ORDINALITY AS e(id, attempt, owner, finished, next_state, due, reason, status_code, error_class,
                                 run_finished, pause, outcome, error, excerpt, owners_only, ord)
        ),
        moved AS (
            UPDATE runs r
            SET state = e.next_state, due_at = COALESCE(e.due, r.due_at), reason = e.reason,
                last_status_code = e.status_code, last_error_class = e.error_class,
                lease_owner = NULL, lease_expires_at = NULL, finished_at = e.run_finished, updated_at = e.finished
            FROM e
            WHERE r.id = e.id AND r.state = 'running' AND r.attempt_count = e.attempt AND r.lease_owner IS NOT DISTINCT FROM e.owner
            RETURNING e.ord, r.job_id, e.pause, e.finished
        ),
        closed AS (
            UPDATE attempts a
            SET finished_at = e.finished, outcome = e.outcome, status_code = e.status_code, error_class = e.error_class,
                error = e.error, response_excerpt = e.excerpt
            FROM e
            WHERE a.run_id = e.id AND a.number = e.attempt AND a.finished_at IS NULL AND (NOT e.owners_only OR a.node = e.owner)
        ),
        paused AS (
            UPDATE jobs j SET paused = true, version = j.version + 1, updated_at = m.finished
            FROM (SELECT DISTINCT ON (job_id) job_id, finished FROM moved WHERE pause AND job_id IS NOT NULL ORDER BY job_id, ord) m
            WHERE j.id = m.job_id AND NOT j.paused
        )
        SELECT ord FROM moved;
        """;

    /// <summary>
    /// Applies <paramref name="endings"/>; returns, for each, whether its run moved. Repeats of an ending (same run,
    /// attempt and owner) after the first are not applied, as if they had come one after another.
    /// </summary>
    public static async Task<bool[]> ApplyAsync(Session session, IReadOnlyList<Ending> endings, CancellationToken cancellationToken)
    {
        var applied = new bool[endings.Count];
        var seen = new HashSet<(long, int, string?)>();
        var batch = new List<(int Index, Ending Ending)>();
        for (var i = 0; i < endings.Count; i++)
        {
            var ending = endings[i];
            if (seen.Add((ending.RunId, ending.Attempt, ending.Owner)))
            {
                batch.Add((i, ending));
            }
        }

        if (batch.Count == 0)
        {
            return applied;
        }

        var list = batch.Select(b => b.Ending).ToList();
        var moved = await session.QueryAsync(
            Apply,
            reader => reader.GetInt64(0),
            cancellationToken,
            ("ids", list.Select(e => e.RunId).ToArray()),
            ("attempts", list.Select(e => e.Attempt).ToArray()),
            ("owners", list.Select(e => e.Owner).ToArray()),
            ("finished", list.Select(e => e.FinishedAt).ToArray()),
            ("nextStates", list.Select(e => RunStates.ToText(e.NextState)).ToArray()),
            ("dues", list.Select(e => e.DueAt).ToArray()),
            ("reasons", list.Select(e => e.Reason).ToArray()),
            ("statusCodes", list.Select(e => e.Result.StatusCode).ToArray()),
            ("errorClasses", list.Select(e => e.Result.ErrorClass).ToArray()),
            ("runFinished", list.Select(e => RunStates.IsFinal(e.NextState) ? e.FinishedAt : (DateTimeOffset?)null).ToArray()),
            ("pause", list.Select(e => e.PauseJob).ToArray()),
            ("outcomes", list.Select(e => AttemptRows.OutcomeText(e.Result.Outcome)).ToArray()),
            ("errors", list.Select(e => e.Result.Error).ToArray()),
            ("excerpts", list.Select(e => e.Result.ResponseExcerpt).ToArray()),
            ("ownersOnly", list.Select(e => e.OwnersAttemptOnly).ToArray()));
        foreach (var ordinal in moved)
        {
            applied[batch[(int)ordinal - 1].Index] = true;
        }

        return applied;
    }
}
