using Punctual.Core.Overlap;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

internal sealed class SqliteRunStore(Database database) : IRunStore
{
    public Task<RunDetail?> GetAsync(long id, CancellationToken cancellationToken) =>
        database.ReadAsync($"reading run {id}", session => RunReads.GetAsync(session, id, cancellationToken), cancellationToken);

    public Task<RunPage> ListAsync(RunListRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync("listing runs", session => RunReads.ListAsync(session, request, cancellationToken), cancellationToken);

    public Task<TaskCreateResult> CreateTaskAsync(TaskCreateRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync(
            request.Key is null ? "creating a task" : $"creating task '{request.Key}'",
            session => TaskCreation.CreateAsync(session, request, cancellationToken),
            cancellationToken);

    public Task<ClaimResult> ClaimDueAsync(ClaimRequest request, IClaimDecider decider, CancellationToken cancellationToken) =>
        database.WriteAsync("claiming due runs", session => Claiming.ClaimAsync(session, request, decider, cancellationToken), cancellationToken);

    public Task<CompletionResult> CompleteAttemptsAsync(IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken) =>
        database.WriteAsync(
            $"completing {completions.Count} attempt(s)",
            session => Completions.CompleteAsync(session, completions, cancellationToken),
            cancellationToken);

    public Task<LeaseRenewResult> RenewLeasesAsync(LeaseRenewRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync(
            $"renewing leases of '{request.Owner}'",
            session => Completions.RenewAsync(session, request, cancellationToken),
            cancellationToken);

    public Task<int> ExpireLeasesAsync(LeaseExpiryRequest request, ILeaseExpiryDecider decider, CancellationToken cancellationToken) =>
        database.WriteAsync("expiring leases", session => LeaseExpiry.ExpireAsync(session, request, decider, cancellationToken), cancellationToken);

    public Task<RunActionResult> CancelAsync(CancelRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"cancelling run {request.RunId}", session => RunActions.CancelAsync(session, request, cancellationToken), cancellationToken);

    public Task<int> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"releasing runs of '{request.Owner}'", session => RunRelease.ReleaseAsync(session, request, cancellationToken), cancellationToken);

    public Task<RunActionResult> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"replaying run {request.RunId}", session => RunActions.ReplayAsync(session, request, cancellationToken), cancellationToken);

    public Task<DateTimeOffset?> NextDueAtAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        database.ReadAsync("reading the next due run", session => RunReads.NextDueAtAsync(session, after, cancellationToken), cancellationToken);

    public Task<long> CountDueAsync(CountDueRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync("counting due runs", session => RunReads.CountDueAsync(session, request, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<long, ActiveRuns>> CountActiveAtAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ReadAsync("counting the runs active at an instant", session => RunReads.CountActiveAtAsync(session, at, cancellationToken), cancellationToken);

    public Task<int> PruneAsync(PruneRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync("pruning finished runs", session => Pruning.PruneAsync(session, request, cancellationToken), cancellationToken);
}
