using Punctual.Core.Outcomes;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Seeding;

/// <summary>
/// Builds the state a test starts from through the store's own contract (nothing driver-specific), so every
/// driver is seeded the same way. Runs of a job are created by a manual trigger whose plan is exactly that run.
/// </summary>
public sealed class StoreSeed(IPunctualStore store)
{
    public const string NodeA = "node-a";
    public const string NodeB = "node-b";

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A job whose next fire (and due time) is <paramref name="nextFire"/>; null: it is not scheduled.</summary>
    public async Task<JobRecord> JobAsync(string name, DateTimeOffset? nextFire = null, string? spec = null)
    {
        var result = await store.Jobs.CreateAsync(new JobCreateRequest(name, spec ?? Specs.Job(name), nextFire, nextFire, At.T0), Ct);
        Assert.Equal(JobWriteStatus.Done, result.Status);
        return result.Job!;
    }

    /// <summary>A run of job <paramref name="jobName"/> due at <paramref name="due"/> (pending unless <paramref name="state"/> says skipped).</summary>
    public async Task<RunRecord> RunAsync(
        string jobName,
        DateTimeOffset due,
        bool exclusive = false,
        string? period = null,
        RunState state = RunState.Pending,
        DateTimeOffset? createdAt = null)
    {
        var planned = new PlannedRun(
            RunOrigin.Manual,
            due,
            due,
            state,
            state == RunState.Skipped ? "skipped for the test" : null,
            1,
            period,
            IdempotencyKeys.ForFire(jobName, due),
            exclusive);
        var result = await store.Jobs.TriggerAsync(new TriggerRequest(jobName, null, createdAt ?? At.T0), ScriptedTriggerPlanning.Returning(planned), Ct);
        return result.Run ?? throw new InvalidOperationException($"Seeding a run of '{jobName}' created nothing.");
    }

    public async Task<RunRecord> TaskAsync(DateTimeOffset due, string? key = null)
    {
        var result = await store.Runs.CreateTaskAsync(new TaskCreateRequest(key, Specs.Task(), due, At.T0), Ct);
        return result.Run;
    }

    /// <summary>Claims everything due at <paramref name="now"/>, starting each run's next attempt, leased for a minute.</summary>
    public Task<ClaimResult> ClaimAsync(DateTimeOffset now, string owner = NodeA, int limit = 100) =>
        store.Runs.ClaimDueAsync(new ClaimRequest(now, limit, owner, now.AddMinutes(1)), ScriptedClaimDecider.StartAll(), Ct);

    /// <summary>A run of <paramref name="jobName"/> due at <paramref name="due"/>, claimed then by <paramref name="owner"/>. Nothing else may be due.</summary>
    public async Task<ClaimedRun> RunningAsync(string jobName, DateTimeOffset due, string owner = NodeA, bool exclusive = false, string? period = null)
    {
        var run = await RunAsync(jobName, due, exclusive, period);
        return Single(await ClaimAsync(due, owner), run.Id);
    }

    /// <summary>Ends the claimed attempt with <paramref name="result"/>, moving its run to <paramref name="next"/>.</summary>
    public async Task<bool> CompleteAsync(
        ClaimedRun claimed,
        DateTimeOffset at,
        AttemptResult result,
        RunState next,
        DateTimeOffset? retryAt = null,
        string? owner = null,
        bool pauseJob = false)
    {
        var completion = new AttemptCompletion(
            claimed.Run.Id,
            claimed.Attempt,
            owner ?? claimed.Run.LeaseOwner!,
            at,
            result,
            next,
            retryAt,
            result.Error,
            pauseJob);
        var outcome = await store.Runs.CompleteAttemptsAsync([completion], Ct);
        return outcome.Applied.Single();
    }

    public Task<bool> SucceedAsync(ClaimedRun claimed, DateTimeOffset at) =>
        CompleteAsync(claimed, at, AttemptResult.Success(200, "ok"), RunState.Succeeded);

    public Task<bool> FailAsync(ClaimedRun claimed, DateTimeOffset at, DateTimeOffset retryAt) =>
        CompleteAsync(claimed, at, AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 503", 503), RunState.Failed, retryAt);

    public Task<bool> KillAsync(ClaimedRun claimed, DateTimeOffset at) =>
        CompleteAsync(claimed, at, AttemptResult.Permanent(ErrorClasses.HttpStatus, "HTTP 404", 404), RunState.Dead);

    public async Task<RunRecord> GetRunAsync(long id) =>
        (await store.Runs.GetAsync(id, Ct))?.Run ?? throw new InvalidOperationException($"Run {id} is gone.");

    public async Task<IReadOnlyList<AttemptRecord>> AttemptsAsync(long id) =>
        (await store.Runs.GetAsync(id, Ct))?.Attempts ?? throw new InvalidOperationException($"Run {id} is gone.");

    private static ClaimedRun Single(ClaimResult result, long runId)
    {
        var claimed = Assert.Single(result.Claimed);
        Assert.Equal(runId, claimed.Run.Id);
        return claimed;
    }
}
