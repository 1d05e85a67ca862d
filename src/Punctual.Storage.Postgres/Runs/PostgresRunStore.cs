using Punctual.Core.Overlap;
using Punctual.Storage.Gates;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// Runs on PostgreSQL. The hot path is batched: a claim is one transaction of three to five round trips (see
/// <see cref="Claiming"/>), a batch of completions or lease renewals one statement (plus a short gate transaction when
/// an outcome changes a gate); idle polls (next due run, expired leases) one indexed read each.
/// </summary>
internal sealed class PostgresRunStore(Database database) : IRunStore
{
    private readonly GateHints _gateHints = new();

    public Task<RunDetail?> GetAsync(long id, CancellationToken cancellationToken) =>
        database.RunAsync($"reading run {id}", session => RunReads.GetAsync(session, id, cancellationToken), cancellationToken);

    public Task<RunPage> ListAsync(RunListRequest request, CancellationToken cancellationToken) =>
        database.RunAsync("listing runs", session => RunReads.ListAsync(session, request, cancellationToken), cancellationToken);

    public Task<TaskCreateResult> CreateTaskAsync(TaskCreateRequest request, CancellationToken cancellationToken) =>
        database.RunAsync(
            request.Key is null ? "creating a task" : $"creating task '{request.Key}'",
            session => TaskCreation.CreateAsync(session, request, cancellationToken),
            cancellationToken);

    public Task<ClaimResult> ClaimDueAsync(ClaimRequest request, IClaimDecider decider, CancellationToken cancellationToken) =>
        database.TransactionAsync("claiming due runs", session => Claiming.ClaimAsync(session, request, decider, _gateHints, cancellationToken), cancellationToken);

    public async Task<CompletionResult> CompleteAttemptsAsync(IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken)
    {
        if (completions.Count == 0)
        {
            return new CompletionResult([]);
        }

        // Pushbacks feed their gates first: a Retry-After holds the whole gate before anyone can see its run failed,
        // so no claim on any node slips through between the two writes. (A pushback whose completion then loses its
        // lease still held the gate: the endpoint did push back.) Other outcomes feed after, off the claim path.
        var pushbacks = completions.Where(c => GateFeedback.IsPushback(c.Result)).ToList();
        if (pushbacks.Count > 0)
        {
            await FeedGatesAsync(pushbacks, cancellationToken);
        }

        var result = await database.RunAsync(
            $"completing {completions.Count} attempt(s)",
            session => Completions.CompleteAsync(session, completions, cancellationToken),
            cancellationToken);
        var applied = completions.Where((c, i) => result.Applied[i] && !GateFeedback.IsPushback(c.Result)).ToList();
        if (applied.Count > 0 && await Completions.MayChangeGatesAsync(applied, _gateHints))
        {
            await FeedGatesAsync(applied, cancellationToken);
        }

        return result;
    }

    private Task FeedGatesAsync(IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken) =>
        database.TransactionAsync(
            "feeding gates",
            async session =>
            {
                _gateHints.Fed(await Completions.FeedGatesAsync(session, completions, cancellationToken));
                return true;
            },
            cancellationToken);

    public Task<LeaseRenewResult> RenewLeasesAsync(LeaseRenewRequest request, CancellationToken cancellationToken) =>
        database.RunAsync($"renewing leases of '{request.Owner}'", session => Completions.RenewAsync(session, request, cancellationToken), cancellationToken);

    public async Task<int> ExpireLeasesAsync(LeaseExpiryRequest request, ILeaseExpiryDecider decider, CancellationToken cancellationToken)
    {
        const string Operation = "expiring leases";
        if (!await database.RunAsync(Operation, session => LeaseExpiry.AnyAsync(session, request, cancellationToken), cancellationToken))
        {
            return 0;
        }

        return await database.TransactionAsync(Operation, session => LeaseExpiry.ExpireAsync(session, request, decider, cancellationToken), cancellationToken);
    }

    public Task<RunActionResult> CancelAsync(CancelRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"cancelling run {request.RunId}", session => RunActions.CancelAsync(session, request, cancellationToken), cancellationToken);

    public Task<int> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken) =>
        database.RunAsync($"releasing runs of '{request.Owner}'", session => RunRelease.ReleaseAsync(session, request, cancellationToken), cancellationToken);

    public Task<RunActionResult> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"replaying run {request.RunId}", session => RunActions.ReplayAsync(session, request, cancellationToken), cancellationToken);

    public Task<DateTimeOffset?> NextDueAtAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        database.RunAsync("reading the next due run", session => RunReads.NextDueAtAsync(session, after, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<long, ActiveRuns>> CountActiveAtAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        database.RunAsync("counting the runs active at an instant", session => RunReads.CountActiveAtAsync(session, at, cancellationToken), cancellationToken);

    public Task<long> CountDueAsync(CountDueRequest request, CancellationToken cancellationToken) =>
        database.RunAsync("counting due runs", session => RunReads.CountDueAsync(session, request, cancellationToken), cancellationToken);

    public Task<int> PruneAsync(PruneRequest request, CancellationToken cancellationToken) =>
        database.RunAsync("pruning finished runs", session => Pruning.PruneAsync(session, request, cancellationToken), cancellationToken);
}
