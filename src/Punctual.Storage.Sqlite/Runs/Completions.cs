using Punctual.Storage.Gates;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;
using Punctual.Storage.Sqlite.Gates;

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

        await FeedGatesAsync(session, completions.Where((_, i) => applied[i]).ToList(), cancellationToken);
        return new CompletionResult(applied);
    }

    /// <summary>Applied outcomes that change their gate (Retry-After holds, adaptive slow-down and recovery) update it.</summary>
    private static async Task FeedGatesAsync(Session session, IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken)
    {
        // Most batches (successes through gates at full rate) change no gate: one cheap read, no per-run lookups.
        if (!await GateFeedback.MayChangeGatesAsync(
                completions.Select(c => c.Result).ToList(),
                async () => await session.ScalarAsync(GateRows.AnySlowed, cancellationToken) is not null))
        {
            return;
        }

        var byGate = new Dictionary<string, List<AttemptCompletion>>(StringComparer.Ordinal);
        foreach (var completion in completions)
        {
            if (await session.ScalarAsync("SELECT gate FROM runs WHERE id = @id;", cancellationToken, ("@id", completion.RunId)) is string gate)
            {
                (byGate.TryGetValue(gate, out var list) ? list : byGate[gate] = []).Add(completion);
            }
        }

        if (byGate.Count == 0)
        {
            return;
        }

        var defaults = await GateRows.DefaultsAsync(session, cancellationToken);
        foreach (var (gate, outcomes) in byGate)
        {
            var row = await session.QuerySingleAsync($"SELECT {GateRows.Columns} FROM gates WHERE name = @name;", GateRows.ReadRow, cancellationToken, ("@name", gate));
            var relevant = outcomes.Where(c => row is not null && GateFeedback.Matters(row, defaults, c.Result)).ToList();
            if (row is not null && relevant.Count > 0
                && GateFeedback.Apply(row, defaults, relevant.Select(c => (c.Result, c.FinishedAt))) is { } state)
            {
                await GateRows.SaveStateAsync(session, gate, state, relevant.Max(c => c.FinishedAt), cancellationToken);
            }
        }
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
