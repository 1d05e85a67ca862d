using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// What a node reports about the attempts it holds: their endings and lease renewals, each batch ONE statement in
/// autocommit (one round trip, no BEGIN/COMMIT), fenced by (run, attempt, owner).
/// </summary>
internal static class Completions
{
    public static async Task<CompletionResult> CompleteAsync(
        Session session,
        IReadOnlyList<AttemptCompletion> completions,
        CancellationToken cancellationToken)
    {
        var endings = completions.Select(completion => new Settlement.Ending(
            completion.RunId,
            completion.Attempt,
            completion.Owner,
            completion.FinishedAt,
            completion.Result,
            completion.NextState,
            completion.DueAt,
            completion.Reason,
            completion.PauseJob,
            OwnersAttemptOnly: true)).ToList();
        return new CompletionResult(await Settlement.ApplyAsync(session, endings, cancellationToken));
    }

    public static async Task<LeaseRenewResult> RenewAsync(Session session, LeaseRenewRequest request, CancellationToken cancellationToken)
    {
        if (request.Runs.Count == 0)
        {
            return new LeaseRenewResult([]);
        }

        var renewed = await session.QueryAsync(
            """
            UPDATE runs r SET lease_expires_at = @leaseUntil
            FROM unnest(@ids::bigint[], @attempts::int[]) AS u(id, attempt)
            WHERE r.id = u.id AND r.state = 'running' AND r.attempt_count = u.attempt AND r.lease_owner = @owner
            RETURNING r.id, r.attempt_count;
            """,
            reader => (reader.GetInt64(0), reader.GetInt32(1)),
            cancellationToken,
            ("ids", request.Runs.Select(run => run.RunId).ToArray()),
            ("attempts", request.Runs.Select(run => run.Attempt).ToArray()),
            ("owner", request.Owner),
            ("leaseUntil", request.LeaseUntil));
        var held = renewed.ToHashSet();
        return new LeaseRenewResult(request.Runs.Where(run => !held.Contains(run)).Select(run => run.RunId).ToList());
    }
}
