using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>Cancel and replay: allowed only from the states the run state machine names.</summary>
public abstract class RunActionsConformance : StoreConformance
{
    [Fact]
    public async Task Cancel_PendingRun_CancelsIt()
    {
        await Seed.JobAsync("job");
        var run = await Seed.RunAsync("job", At.Minute(5));

        var result = await Store.Runs.CancelAsync(new CancelRequest(run.Id, "not needed", At.Minute(1)), Ct);

        Assert.Equal((RunActionStatus.Done, false), (result.Status, result.WasRunning));
        Assert.Equal((RunState.Cancelled, "not needed", At.Minute(1), At.Minute(1)), (result.Run!.State, result.Run.Reason, result.Run.FinishedAt, result.Run.UpdatedAt));
        Assert.Equal(result.Run, await Seed.GetRunAsync(run.Id));
        Assert.Empty((await Seed.ClaimAsync(At.Minute(5))).Claimed);
    }

    [Fact]
    public async Task Cancel_RunningRun_ClearsTheLease_ClosesTheAttempt_AndSaysItWasRunning()
    {
        await Seed.JobAsync("job");
        var running = await Seed.RunningAsync("job", At.T0);

        var result = await Store.Runs.CancelAsync(new CancelRequest(running.Run.Id, "operator stop", At.Second(5)), Ct);

        Assert.Equal((RunActionStatus.Done, true), (result.Status, result.WasRunning));
        Assert.Equal((RunState.Cancelled, (string?)null, (DateTimeOffset?)null), (result.Run!.State, result.Run.LeaseOwner, result.Run.LeaseExpiresAt));
        var attempt = Assert.Single(await Seed.AttemptsAsync(running.Run.Id));
        Assert.Equal((At.Second(5), "cancelled", "cancelled", "operator stop"), (attempt.FinishedAt, attempt.Outcome, attempt.ErrorClass, attempt.Error));
    }

    [Fact]
    public async Task Cancel_FailedRunAwaitingRetry_CancelsIt()
    {
        await Seed.JobAsync("job");
        var running = await Seed.RunningAsync("job", At.T0);
        await Seed.FailAsync(running, At.Second(1), retryAt: At.Minute(1));

        var result = await Store.Runs.CancelAsync(new CancelRequest(running.Run.Id, "give up", At.Second(5)), Ct);

        Assert.Equal((RunActionStatus.Done, false, RunState.Cancelled), (result.Status, result.WasRunning, result.Run!.State));
        Assert.Equal("transient", Assert.Single(await Seed.AttemptsAsync(running.Run.Id)).Outcome);
    }

    [Theory]
    [InlineData(RunState.Succeeded)]
    [InlineData(RunState.Dead)]
    [InlineData(RunState.Skipped)]
    [InlineData(RunState.Cancelled)]
    public async Task Cancel_FinishedRun_IsNotAllowed_AndReturnsTheRunAsItIs(RunState state)
    {
        var run = await RunInStateAsync(state);

        var result = await Store.Runs.CancelAsync(new CancelRequest(run.Id, "too late", At.Minute(10)), Ct);

        Assert.Equal(RunActionStatus.NotAllowed, result.Status);
        Assert.Equal(run, result.Run);
        Assert.Equal(run, await Seed.GetRunAsync(run.Id));
    }

    [Fact]
    public async Task Cancel_UnknownRun_IsNotFound()
    {
        var result = await Store.Runs.CancelAsync(new CancelRequest(42, "?", At.T0), Ct);

        Assert.Equal(new RunActionResult(RunActionStatus.NotFound, null), result);
    }

    [Theory]
    [InlineData(RunState.Dead)]
    [InlineData(RunState.Cancelled)]
    public async Task Replay_StartsANewRetryCycleDueNow_KeepingTheIdempotencyKey(RunState state)
    {
        var run = await RunInStateAsync(state);

        var result = await Store.Runs.ReplayAsync(new ReplayRequest(run.Id, At.Minute(30)), Ct);

        Assert.Equal(RunActionStatus.Done, result.Status);
        var replayed = result.Run!;
        Assert.Equal((RunState.Pending, At.Minute(30), At.Minute(30)), (replayed.State, replayed.DueAt, replayed.UpdatedAt));
        Assert.Equal((run.AttemptCount, run.AttemptCount), (replayed.AttemptCount, replayed.AttemptBase));
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null, (string?)null), (replayed.DeadlineAt, replayed.FinishedAt, replayed.Reason));
        Assert.Equal((run.IdempotencyKey, run.ScheduledFor), (replayed.IdempotencyKey, replayed.ScheduledFor));
        Assert.Equal(replayed, await Seed.GetRunAsync(run.Id));
    }

    [Fact]
    public async Task Replay_ThenClaim_ContinuesTheAttemptNumbers()
    {
        await Seed.JobAsync("job");
        var running = await Seed.RunningAsync("job", At.T0);
        await Seed.KillAsync(running, At.Second(1));
        await Store.Runs.ReplayAsync(new ReplayRequest(running.Run.Id, At.Minute(1)), Ct);

        var again = Assert.Single((await Seed.ClaimAsync(At.Minute(1))).Claimed);

        Assert.Equal((2, 1), (again.Attempt, again.Run.AttemptBase));
        Assert.Equal([1, 2], (await Seed.AttemptsAsync(running.Run.Id)).Select(attempt => attempt.Number));
    }

    [Fact]
    public async Task Replay_ClearsTheRetryDeadline()
    {
        await Seed.JobAsync("job");
        var run = await Seed.RunAsync("job", At.T0);
        var decider = new ScriptedClaimDecider((row, _) => ClaimDecision.Start(1, At.Minute(5)));
        var claimed = Assert.Single((await Store.Runs.ClaimDueAsync(new ClaimRequest(At.T0, 10, StoreSeed.NodeA, At.Minute(1)), decider, Ct)).Claimed);
        Assert.Equal(At.Minute(5), claimed.Run.DeadlineAt);
        await Seed.KillAsync(claimed, At.Second(1));

        var result = await Store.Runs.ReplayAsync(new ReplayRequest(run.Id, At.Minute(10)), Ct);

        Assert.Null(result.Run!.DeadlineAt);
    }

    [Theory]
    [InlineData(RunState.Pending)]
    [InlineData(RunState.Running)]
    [InlineData(RunState.Failed)]
    [InlineData(RunState.Succeeded)]
    [InlineData(RunState.Skipped)]
    public async Task Replay_IsNotAllowed_UnlessTheRunIsDeadOrCancelled(RunState state)
    {
        var run = await RunInStateAsync(state);

        var result = await Store.Runs.ReplayAsync(new ReplayRequest(run.Id, At.Minute(30)), Ct);

        Assert.Equal(RunActionStatus.NotAllowed, result.Status);
        Assert.Equal(run, result.Run);
        Assert.Equal(run, await Seed.GetRunAsync(run.Id));
    }

    [Fact]
    public async Task Replay_UnknownRun_IsNotFound()
    {
        var result = await Store.Runs.ReplayAsync(new ReplayRequest(42, At.T0), Ct);

        Assert.Equal(new RunActionResult(RunActionStatus.NotFound, null), result);
    }

    /// <summary>A run of job "job" brought into <paramref name="state"/> through the store's own moves.</summary>
    private async Task<RunRecord> RunInStateAsync(RunState state)
    {
        await Seed.JobAsync("job");
        if (state is RunState.Pending or RunState.Skipped)
        {
            return await Seed.RunAsync("job", At.Minute(5), state: state);
        }

        var running = await Seed.RunningAsync("job", At.T0);
        switch (state)
        {
            case RunState.Succeeded:
                await Seed.SucceedAsync(running, At.Second(1));
                break;
            case RunState.Failed:
                await Seed.FailAsync(running, At.Second(1), retryAt: At.Minute(5));
                break;
            case RunState.Dead:
                await Seed.KillAsync(running, At.Second(1));
                break;
            case RunState.Cancelled:
                await Store.Runs.CancelAsync(new CancelRequest(running.Run.Id, "stop", At.Second(1)), Ct);
                break;
        }

        return await Seed.GetRunAsync(running.Run.Id);
    }
}
