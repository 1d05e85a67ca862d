using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>What a node reports about the attempts it holds: their endings (in batches) and lease renewals.</summary>
internal static class Completions
{
    public static async Task<CompletionResult> CompleteAsync(
        Session session,
        IReadOnlyList<AttemptCompletion> completions,
        CancellationToken cancellationToken)
    {
        var applied = new List<bool>(completions.Count);
        foreach (var completion in completions)
        {
            var ending = new AttemptSettlement.Ending(
                completion.RunId,
                completion.Attempt,
                completion.Owner,
                completion.FinishedAt,
                completion.Result,
                completion.NextState,
                completion.DueAt,
                completion.Reason,
                completion.PauseJob);

            // Only the owner's own attempt row: a stray completion must not write over another node's attempt.
            applied.Add(await AttemptSettlement.ApplyAsync(session, ending, closeOnlyOwnersAttempt: true, cancellationToken));
        }

        return new CompletionResult(applied);
    }

    public static async Task<LeaseRenewResult> RenewAsync(Session session, LeaseRenewRequest request, CancellationToken cancellationToken)
    {
        var lost = new List<long>();
        foreach (var (runId, attempt) in request.Runs)
        {
            var renewed = await session.ExecuteAsync(
                """
                UPDATE runs SET lease_expires_at = @leaseUntil
                WHERE id = @id AND state = 'running' AND attempt_count = @attempt AND lease_owner = @owner;
                """,
                cancellationToken,
                ("@id", runId), ("@attempt", attempt), ("@owner", request.Owner), ("@leaseUntil", request.LeaseUntil));
            if (renewed == 0)
            {
                lost.Add(runId);
            }
        }

        return new LeaseRenewResult(lost);
    }
}
