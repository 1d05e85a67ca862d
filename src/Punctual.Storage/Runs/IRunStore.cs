using Punctual.Core.Overlap;

namespace Punctual.Storage.Runs;

public interface IRunStore
{
    Task<RunDetail?> GetAsync(long id, CancellationToken cancellationToken);

    Task<RunPage> ListAsync(RunListRequest request, CancellationToken cancellationToken);

    /// <summary>Creates a task's run, or returns the existing run for the same key (creating nothing).</summary>
    Task<TaskCreateResult> CreateTaskAsync(TaskCreateRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Claims due runs in one transaction; <paramref name="decider"/> decides each (start, skip or dead). Each run goes
    /// through its gate: paused gates release nothing, the others at most their room (rate, burst, concurrency,
    /// Retry-After hold, as <see cref="Punctual.Core.Gates.GateAdmission"/> decides), the claim's slots shared fairly
    /// among gates, oldest due first within each; the gates' states are updated in the same transaction.
    /// </summary>
    Task<ClaimResult> ClaimDueAsync(ClaimRequest request, IClaimDecider decider, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch of attempt completions in one transaction, each fenced by its lease; each applied one also feeds
    /// its gate (<see cref="Punctual.Core.Gates.GateMath.OnOutcome"/>: Retry-After holds, adaptive slow-down and recovery).
    /// </summary>
    Task<CompletionResult> CompleteAttemptsAsync(IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken);

    Task<LeaseRenewResult> RenewLeasesAsync(LeaseRenewRequest request, CancellationToken cancellationToken);

    /// <summary>Settles runs with expired leases as failed attempts (node_lost), as <paramref name="decider"/> says; returns how many.</summary>
    Task<int> ExpireLeasesAsync(LeaseExpiryRequest request, ILeaseExpiryDecider decider, CancellationToken cancellationToken);

    Task<RunActionResult> CancelAsync(CancelRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Graceful hand-over: each run still running attempt n under <see cref="ReleaseRequest.Owner"/>'s lease goes back to
    /// pending, due now, its attempt closed as released and not counted against the retry budget. Returns how many.
    /// </summary>
    Task<int> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken);

    Task<RunActionResult> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The earliest due time strictly after <paramref name="after"/> among pending and failed runs, for the dispatcher's
    /// sleep. Runs already due are left out: one that a claim at <paramref name="after"/> did not take waits for its
    /// job's running run, whose completion wakes the dispatcher.
    /// </summary>
    Task<DateTimeOffset?> NextDueAtAsync(DateTimeOffset after, CancellationToken cancellationToken);

    /// <summary>Deletes old finished runs in one bounded batch; returns how many were deleted.</summary>
    Task<int> PruneAsync(PruneRequest request, CancellationToken cancellationToken);

    /// <summary>How many runs are due and unclaimed (pending or failed, due at or before now), at most the cap: the backlog.</summary>
    Task<long> CountDueAsync(CountDueRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The runs each job had active (pending, running, or failed awaiting a retry) at the instant <paramref name="at"/>,
    /// read back from the run history: created by then and not finished by then (running: its first attempt had
    /// started by then). Jobs with none are left out; runs pruned since are not counted. For the outage forecast: the
    /// runs an outage starting at <paramref name="at"/> leaves waiting for the planner on restart.
    /// </summary>
    Task<IReadOnlyDictionary<long, ActiveRuns>> CountActiveAtAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
