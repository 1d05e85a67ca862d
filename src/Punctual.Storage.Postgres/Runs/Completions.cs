using Punctual.Core.Outcomes;
using Punctual.Storage.Gates;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;
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

    /// <summary>
    /// Feeds the gates of applied completions whose outcome changes them (Retry-After holds, adaptive slow-down and
    /// recovery; <see cref="GateFeedback"/>), in one short transaction of its own. Most batches (successes through
    /// gates at full rate) end at the first statement, so claims are not held up by gate locks.
    /// </summary>
    /// <returns>Whether an adaptive gate still runs below its rate.</returns>
    public static async Task<bool> FeedGatesAsync(Session session, IReadOnlyList<AttemptCompletion> applied, CancellationToken cancellationToken)
    {
        var gateOf = (await session.QueryAsync(
                "SELECT id, gate FROM runs WHERE id = ANY(@ids) AND gate IS NOT NULL;",
                reader => (Id: reader.GetInt64(0), Gate: reader.GetString(1)),
                cancellationToken,
                ("ids", applied.Select(c => c.RunId).ToArray())))
            .ToDictionary(r => r.Id, r => r.Gate);
        var byGate = applied.Where(c => gateOf.ContainsKey(c.RunId)).GroupBy(c => gateOf[c.RunId], StringComparer.Ordinal).ToList();
        if (byGate.Count == 0)
        {
            return await AnyGateSlowedAsync(session, cancellationToken);
        }

        // Locked in name order, so two batches feeding the same gates never wait on each other in a cycle.
        var rows = await session.QueryAsync(
            $"SELECT {GateRows.Columns} FROM gates WHERE name = ANY(@names) ORDER BY name FOR NO KEY UPDATE;",
            GateRows.ReadRow,
            cancellationToken,
            ("names", byGate.Select(g => g.Key).ToArray()));
        var defaults = await GateRows.DefaultsAsync(session, cancellationToken);
        foreach (var row in rows)
        {
            var relevant = byGate.First(g => g.Key == row.Name).Where(c => GateFeedback.Matters(row, defaults, c.Result)).ToList();
            if (relevant.Count > 0 && GateFeedback.Apply(row, defaults, relevant.Select(c => (c.Result, c.FinishedAt))) is { } state)
            {
                await GateRows.SaveStateAsync(session, row.Name, state, relevant.Max(c => c.FinishedAt), cancellationToken);
            }
        }

        return await AnyGateSlowedAsync(session, cancellationToken);
    }

    /// <summary>Whether the batch needs the gate transaction, by what this node's claims last saw of the gates.</summary>
    public static Task<bool> MayChangeGatesAsync(IReadOnlyList<AttemptCompletion> applied, GateHints hints) =>
        GateFeedback.MayChangeGatesAsync(applied.Select(c => c.Result).ToList(), () => Task.FromResult(hints.AnySlowed));

    /// <summary>Whether any adaptive gate runs below its rate (only then can a success change a gate).</summary>
    private static async Task<bool> AnyGateSlowedAsync(Session session, CancellationToken cancellationToken) =>
        await session.ScalarAsync(
            $"""
            SELECT 1 FROM gates g LEFT JOIN gates d ON d.name = '{GateRows.DefaultsName}'
            WHERE g.kind <> 'defaults' AND COALESCE(g.adaptive, d.adaptive) AND g.effective_rate < COALESCE(g.rate_per_s, d.rate_per_s)
            LIMIT 1;
            """,
            cancellationToken) is not null;

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
