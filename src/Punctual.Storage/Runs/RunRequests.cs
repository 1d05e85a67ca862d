using Punctual.Core.Outcomes;
using Punctual.Core.Runs;

namespace Punctual.Storage.Runs;

/// <summary>Filters for listing runs, newest first. <see cref="BeforeId"/> is the cursor from the previous page.</summary>
public sealed record RunListRequest(
    string? JobName = null,
    RunState? State = null,
    RunOrigin? Origin = null,
    long? BeforeId = null,
    int Limit = 100);

/// <summary>
/// A one-shot task. With <see cref="Key"/>, a second request with the same key returns the first run and
/// creates nothing. <see cref="SpecJson"/> is the TaskDefinitionWriter spec (target, timeout, retry).
/// </summary>
/// <summary>Creates a task's run, through <see cref="Gate"/> (a named gate, which must exist, or a host gate, created when missing).</summary>
public sealed record TaskCreateRequest(string? Key, string SpecJson, DateTimeOffset DueAt, DateTimeOffset Now, string? Gate = null);

public sealed record TaskCreateResult(RunRecord Run, bool Created);

/// <summary>
/// Claim up to <see cref="Limit"/> due runs (pending or failed, due at or before <see cref="Now"/>, oldest due first)
/// for node <see cref="Owner"/>, leased until <see cref="LeaseUntil"/>. An exclusive run is not claimed while another
/// run of its job is running.
/// </summary>
/// <summary>
/// One claim. <see cref="AllowCommands"/>: whether this node runs command targets (<c>--allow-commands</c>); when
/// false, runs of command jobs are not claimed at all, so they wait, due, for a node that runs them.
/// <see cref="Settling"/>: runs of this node whose attempts have ended but whose completions are not written yet. They
/// are still <c>running</c> in the store, but nothing is in flight for them, so they hold no gate concurrency slot.
/// </summary>
public sealed record ClaimRequest(
    DateTimeOffset Now, int Limit, string Owner, DateTimeOffset LeaseUntil, bool AllowCommands = false, IReadOnlyCollection<long>? Settling = null);

/// <summary>What the claim decider sees of a due run: the run, the spec that governs it, and whether its once-per period already succeeded.</summary>
public sealed record ClaimCandidateRow(RunRecord Run, string SpecJson, bool IsTaskSpec, bool PeriodAlreadySucceeded);

/// <summary>Decides, inside the claim transaction, what each due run becomes (the engine wraps RunStateMachine.OnClaim).</summary>
public interface IClaimDecider
{
    ClaimDecision Decide(ClaimCandidateRow candidate, DateTimeOffset now);
}

/// <summary>A run this node now holds: attempt <see cref="Attempt"/> is recorded as started; send it.</summary>
public sealed record ClaimedRun(RunRecord Run, string SpecJson, bool IsTaskSpec, int Attempt);

/// <summary>
/// What a claim did: runs to attempt, plus how many it settled without an attempt (skipped by once-per, dead by
/// deadline). <see cref="GateRetryAt"/>: the earliest time a gate that held due work back can release some again
/// (null when none did, or only concurrency caps did). <see cref="WaitsForSlot"/>: some gate held due work back
/// because its concurrency cap was reached; the end of an attempt frees a slot.
/// </summary>
public sealed record ClaimResult(IReadOnlyList<ClaimedRun> Claimed, int Settled, DateTimeOffset? GateRetryAt = null, bool WaitsForSlot = false);

/// <summary>
/// The end of one attempt, fenced: applied only if run <see cref="RunId"/> is still running attempt
/// <see cref="Attempt"/> under <see cref="Owner"/>'s lease. The run moves to <see cref="NextState"/>
/// (due again at <see cref="DueAt"/> when failed). <see cref="PauseJob"/> pauses the run's job (pause_on_failure).
/// </summary>
public sealed record AttemptCompletion(
    long RunId,
    int Attempt,
    string Owner,
    DateTimeOffset FinishedAt,
    AttemptResult Result,
    RunState NextState,
    DateTimeOffset? DueAt,
    string? Reason,
    bool PauseJob);

/// <summary>For each completion, in order: whether it was applied (false: the lease was lost, the run changed hands or was cancelled).</summary>
public sealed record CompletionResult(IReadOnlyList<bool> Applied);

/// <summary>Extends this node's leases on the runs it is attempting.</summary>
public sealed record LeaseRenewRequest(string Owner, IReadOnlyList<(long RunId, int Attempt)> Runs, DateTimeOffset LeaseUntil);

/// <summary>Runs whose lease could not be renewed: cancelled, taken over, or gone. Their attempts should stop.</summary>
public sealed record LeaseRenewResult(IReadOnlyList<long> Lost);

/// <summary>
/// Settle runs whose lease expired before <see cref="Now"/> (their node died). With <see cref="ForeignTo"/>, every
/// running run not owned by that node counts as expired: a single-node store uses it at start-up.
/// </summary>
public sealed record LeaseExpiryRequest(DateTimeOffset Now, int Limit, string? ForeignTo = null);

/// <summary>A run whose node stopped renewing its lease, with what the retry decision needs.</summary>
public sealed record ExpiredLeaseRow(RunRecord Run, string SpecJson, bool IsTaskSpec);

/// <summary>Decides what a run whose lease expired becomes (the engine uses RunStateMachine.OnAttemptFinished with a node_lost result).</summary>
public interface ILeaseExpiryDecider
{
    (AttemptResult Result, AttemptDecision Decision, bool PauseJob) Decide(ExpiredLeaseRow row, DateTimeOffset now);
}

public sealed record CancelRequest(long RunId, string Reason, DateTimeOffset Now);

/// <summary>Hand the given attempts of a stopping node back to the cluster (see IRunStore.ReleaseAsync).</summary>
public sealed record ReleaseRequest(string Owner, IReadOnlyList<(long RunId, int Attempt)> Runs, DateTimeOffset Now);

public enum RunActionStatus
{
    Done,
    NotFound,

    /// <summary>The run's state does not allow the action; the result carries the run as it is.</summary>
    NotAllowed,
}

/// <summary><see cref="WasRunning"/>: an attempt was in flight; its node will stop it when its lease renewal fails (or at once on this node).</summary>
public sealed record RunActionResult(RunActionStatus Status, RunRecord? Run, bool WasRunning = false);

/// <summary>Replay a dead or cancelled run: a new retry cycle, due now, same idempotency key.</summary>
public sealed record ReplayRequest(long RunId, DateTimeOffset Now);

/// <summary>Delete up to <see cref="Limit"/> finished runs (and their attempts) that finished before <see cref="FinishedBefore"/>.</summary>
public sealed record PruneRequest(DateTimeOffset FinishedBefore, int Limit);
