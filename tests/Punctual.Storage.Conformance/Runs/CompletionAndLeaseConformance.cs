using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>
/// Ending attempts, renewing and expiring leases. Every write is fenced by (run, attempt, owner), so a stale
/// worker, a node whose lease was taken over, or a completion after a cancel changes nothing.
/// </summary>
public abstract class CompletionAndLeaseConformance : StoreConformance
{
    [Fact]
    public async Task CompleteAttempts_Success_FinishesTheRun_AndClosesTheAttempt()
    {
        await Seed.JobAsync("ok");
        var running = await Seed.RunningAsync("ok", At.T0);

        Assert.True(await Seed.SucceedAsync(running, At.Second(2)));

        var run = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal((RunState.Succeeded, At.Second(2), At.Second(2)), (run.State, run.FinishedAt, run.UpdatedAt));
        Assert.Equal((200, (string?)null, (string?)null), (run.LastStatusCode, run.LastErrorClass, run.Reason));
        Assert.Equal(((string?)null, (DateTimeOffset?)null), (run.LeaseOwner, run.LeaseExpiresAt));
        var attempt = Assert.Single(await Seed.AttemptsAsync(run.Id));
        Assert.Equal(new AttemptRecord(run.Id, 1, StoreSeed.NodeA, At.T0, At.Second(2), "succeeded", 200, null, null, "ok"), attempt);
    }

    [Fact]
    public async Task CompleteAttempts_TransientFailure_SchedulesTheRetry()
    {
        await Seed.JobAsync("flaky");
        var running = await Seed.RunningAsync("flaky", At.T0);

        Assert.True(await Seed.FailAsync(running, At.Second(2), retryAt: At.Minute(1)));

        var run = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal((RunState.Failed, At.Minute(1), (DateTimeOffset?)null), (run.State, run.DueAt, run.FinishedAt));
        Assert.Equal(("HTTP 503", 503, ErrorClasses.HttpStatus), (run.Reason, run.LastStatusCode, run.LastErrorClass));
        Assert.Null(run.LeaseOwner);
        var attempt = Assert.Single(await Seed.AttemptsAsync(run.Id));
        Assert.Equal(("transient", 503, ErrorClasses.HttpStatus, "HTTP 503"), (attempt.Outcome, attempt.StatusCode, attempt.ErrorClass, attempt.Error));
    }

    [Fact]
    public async Task CompleteAttempts_PermanentFailure_KillsTheRun()
    {
        await Seed.JobAsync("broken");
        var running = await Seed.RunningAsync("broken", At.T0);

        Assert.True(await Seed.KillAsync(running, At.Second(2)));

        var run = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal((RunState.Dead, At.Second(2), At.T0), (run.State, run.FinishedAt, run.DueAt));
        Assert.Equal("permanent", Assert.Single(await Seed.AttemptsAsync(run.Id)).Outcome);
    }

    [Fact]
    public async Task CompleteAttempts_FromAnotherOwner_IsFencedOff_AndLeavesTheOwnersAttemptOpen()
    {
        await Seed.JobAsync("held");
        var running = await Seed.RunningAsync("held", At.T0);

        var stray = await Seed.CompleteAsync(running, At.Second(1), AttemptResult.Success(200, "ok"), RunState.Succeeded, owner: StoreSeed.NodeB);

        Assert.False(stray);
        Assert.Equal(running.Run, await Seed.GetRunAsync(running.Run.Id));
        Assert.Null(Assert.Single(await Seed.AttemptsAsync(running.Run.Id)).FinishedAt);
        Assert.True(await Seed.SucceedAsync(running, At.Second(2)));
    }

    [Fact]
    public async Task CompleteAttempts_ForAnEarlierAttempt_IsFencedOff()
    {
        await Seed.JobAsync("flaky");
        var first = await Seed.RunningAsync("flaky", At.T0);
        await Seed.FailAsync(first, At.Second(1), retryAt: At.Minute(1));
        var second = Assert.Single((await Seed.ClaimAsync(At.Minute(1))).Claimed);

        Assert.False(await Seed.SucceedAsync(first, At.Minute(2)));

        Assert.Equal(second.Run, await Seed.GetRunAsync(first.Run.Id));
        var attempts = await Seed.AttemptsAsync(first.Run.Id);
        Assert.Equal("transient", attempts[0].Outcome);
        Assert.Null(attempts[1].FinishedAt);
    }

    [Fact]
    public async Task CompleteAttempts_AfterACancel_IsNotApplied_AndTheAttemptStaysClosedAsCancelled()
    {
        await Seed.JobAsync("doomed");
        var running = await Seed.RunningAsync("doomed", At.T0);
        await Store.Runs.CancelAsync(new CancelRequest(running.Run.Id, "operator cancelled", At.Second(1)), Ct);

        Assert.False(await Seed.SucceedAsync(running, At.Second(2)));

        var run = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal((RunState.Cancelled, At.Second(1)), (run.State, run.FinishedAt));
        var attempt = Assert.Single(await Seed.AttemptsAsync(run.Id));
        Assert.Equal(("cancelled", ErrorClasses.Cancelled, At.Second(1)), (attempt.Outcome, attempt.ErrorClass, attempt.FinishedAt));
    }

    [Fact]
    public async Task CompleteAttempts_AfterALeaseTakeover_IsFencedOff()
    {
        await Seed.JobAsync("lost");
        var stale = await Seed.RunningAsync("lost", At.T0);
        await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(2), 10), ScriptedLeaseExpiryDecider.Retry(TimeSpan.Zero), Ct);
        var current = Assert.Single((await Seed.ClaimAsync(At.Minute(2), owner: StoreSeed.NodeB)).Claimed);

        Assert.False(await Seed.SucceedAsync(stale, At.Minute(3)));

        Assert.Equal(current.Run, await Seed.GetRunAsync(stale.Run.Id));
        var attempts = await Seed.AttemptsAsync(stale.Run.Id);
        Assert.Equal((ErrorClasses.NodeLost, "transient"), (attempts[0].ErrorClass, attempts[0].Outcome));
        Assert.Equal((StoreSeed.NodeB, (DateTimeOffset?)null), (attempts[1].Node, attempts[1].FinishedAt));
        Assert.True(await Seed.SucceedAsync(current, At.Minute(3)));
    }

    [Fact]
    public async Task CompleteAttempts_ReportsEachCompletionOfABatch_InOrder()
    {
        await Seed.JobAsync("batch");
        for (var i = 0; i < 3; i++)
        {
            await Seed.RunAsync("batch", At.Second(i));
        }

        var claimed = (await Seed.ClaimAsync(At.Minute(1))).Claimed;
        var completions = claimed.Select((c, i) => new AttemptCompletion(
            c.Run.Id, c.Attempt, i == 1 ? StoreSeed.NodeB : StoreSeed.NodeA, At.Minute(2),
            AttemptResult.Success(204, null), RunState.Succeeded, null, null, false)).ToList();

        var result = await Store.Runs.CompleteAttemptsAsync(completions, Ct);

        Assert.Equal([true, false, true], result.Applied);
        Assert.Equal(RunState.Running, (await Seed.GetRunAsync(claimed[1].Run.Id)).State);
    }

    [Fact]
    public async Task CompleteAttempts_WithPauseJob_PausesTheRunsJob()
    {
        var job = await Seed.JobAsync("fragile", nextFire: At.Minute(10));
        var running = await Seed.RunningAsync("fragile", At.T0);

        await Seed.CompleteAsync(running, At.Second(1), AttemptResult.Permanent(ErrorClasses.HttpStatus, "HTTP 410", 410), RunState.Dead, pauseJob: true);

        var paused = await Store.Jobs.GetAsync("fragile", Ct);
        Assert.True(paused!.Paused);
        Assert.Equal(job.Version + 1, paused.Version);
        Assert.Equal(At.Minute(10), paused.NextFireAt);
    }

    [Fact]
    public async Task CompleteAttempts_NotApplied_DoesNotPauseTheJob()
    {
        var job = await Seed.JobAsync("fragile");
        var running = await Seed.RunningAsync("fragile", At.T0);
        await Store.Runs.CancelAsync(new CancelRequest(running.Run.Id, "stop", At.Second(1)), Ct);

        await Seed.CompleteAsync(running, At.Second(2), AttemptResult.Permanent(ErrorClasses.HttpStatus, "HTTP 410", 410), RunState.Dead, pauseJob: true);

        Assert.Equal(job, await Store.Jobs.GetAsync("fragile", Ct));
    }

    [Fact]
    public async Task RenewLeases_ExtendsTheLeasesStillHeld()
    {
        await Seed.JobAsync("long");
        await Seed.RunAsync("long", At.T0);
        await Seed.RunAsync("long", At.T0);
        var claimed = (await Seed.ClaimAsync(At.T0)).Claimed;

        var result = await Store.Runs.RenewLeasesAsync(
            new LeaseRenewRequest(StoreSeed.NodeA, claimed.Select(c => (c.Run.Id, c.Attempt)).ToList(), At.Minute(5)), Ct);

        Assert.Empty(result.Lost);
        foreach (var c in claimed)
        {
            Assert.Equal(At.Minute(5), (await Seed.GetRunAsync(c.Run.Id)).LeaseExpiresAt);
        }
    }

    [Fact]
    public async Task RenewLeases_ReportsRunsNoLongerHeld_AsLost()
    {
        await Seed.JobAsync("kept");
        await Seed.JobAsync("deleted");
        var cancelled = await Seed.RunningAsync("kept", At.T0);
        var kept = await Seed.RunningAsync("kept", At.Second(1));
        var gone = await Seed.RunningAsync("deleted", At.Second(2));
        var taken = await Seed.RunningAsync("kept", At.Second(3), owner: StoreSeed.NodeB);
        await Store.Runs.CancelAsync(new CancelRequest(cancelled.Run.Id, "stop", At.Second(4)), Ct);
        await Store.Jobs.DeleteAsync(new JobDeleteRequest("deleted", null, At.Second(4)), Ct);

        var result = await Store.Runs.RenewLeasesAsync(new LeaseRenewRequest(
            StoreSeed.NodeA,
            [(cancelled.Run.Id, 1), (kept.Run.Id, 1), (kept.Run.Id + 1_000, 1), (gone.Run.Id, 1), (taken.Run.Id, 1)],
            At.Minute(5)), Ct);

        Assert.Equal([cancelled.Run.Id, kept.Run.Id + 1_000, gone.Run.Id, taken.Run.Id], result.Lost);
        Assert.Equal(At.Minute(1).AddSeconds(3), (await Seed.GetRunAsync(taken.Run.Id)).LeaseExpiresAt);
    }

    [Fact]
    public async Task RenewLeases_ForAnEarlierAttempt_IsLost()
    {
        await Seed.JobAsync("flaky");
        var first = await Seed.RunningAsync("flaky", At.T0);
        await Seed.FailAsync(first, At.Second(1), retryAt: At.Second(2));
        await Seed.ClaimAsync(At.Second(2));

        var result = await Store.Runs.RenewLeasesAsync(new LeaseRenewRequest(StoreSeed.NodeA, [(first.Run.Id, 1)], At.Minute(5)), Ct);

        Assert.Equal([first.Run.Id], result.Lost);
    }

    [Fact]
    public async Task ExpireLeases_SettlesRunsWhoseLeaseRanOut_AsTheDeciderSays()
    {
        var job = await Seed.JobAsync("orphan");
        var running = await Seed.RunningAsync("orphan", At.T0);
        var decider = ScriptedLeaseExpiryDecider.Retry(TimeSpan.FromSeconds(10));

        var atExpiry = await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(1), 10), decider, Ct);
        var after = await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(2), 10), decider, Ct);

        Assert.Equal((0, 1), (atExpiry, after));
        var row = Assert.Single(decider.Seen);
        Assert.Equal(new ExpiredLeaseRow(running.Run, job.SpecJson, false), row);
        var run = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal((RunState.Failed, At.Minute(2).AddSeconds(10), "node lost"), (run.State, run.DueAt, run.Reason));
        Assert.Equal((ErrorClasses.NodeLost, (string?)null, (DateTimeOffset?)null), (run.LastErrorClass, run.LeaseOwner, run.FinishedAt));
        var attempt = Assert.Single(await Seed.AttemptsAsync(run.Id));
        Assert.Equal(("transient", ErrorClasses.NodeLost, "lease expired", At.Minute(2)), (attempt.Outcome, attempt.ErrorClass, attempt.Error, attempt.FinishedAt));
    }

    [Fact]
    public async Task ExpireLeases_ShowsTheDeciderATasksOwnSpec()
    {
        var task = await Seed.TaskAsync(At.T0);
        await Seed.ClaimAsync(At.T0);
        var decider = ScriptedLeaseExpiryDecider.Kill();

        await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(2), 10), decider, Ct);

        var row = Assert.Single(decider.Seen);
        Assert.Equal((task.Id, Specs.Task(), true), (row.Run.Id, row.SpecJson, row.IsTaskSpec));
        Assert.Equal(RunState.Dead, (await Seed.GetRunAsync(task.Id)).State);
        Assert.Equal(At.Minute(2), (await Seed.GetRunAsync(task.Id)).FinishedAt);
    }

    [Fact]
    public async Task ExpireLeases_WithForeignTo_SettlesEveryRunThatOtherOwnersHold()
    {
        await Seed.JobAsync("restart");
        var theirs = await Seed.RunningAsync("restart", At.T0, owner: "node-dead");
        var mine = await Seed.RunningAsync("restart", At.Second(1), owner: StoreSeed.NodeA);

        var settled = await Store.Runs.ExpireLeasesAsync(
            new LeaseExpiryRequest(At.Second(2), 10, ForeignTo: StoreSeed.NodeA), ScriptedLeaseExpiryDecider.Retry(TimeSpan.Zero), Ct);

        Assert.Equal(1, settled);
        Assert.Equal(RunState.Failed, (await Seed.GetRunAsync(theirs.Run.Id)).State);
        Assert.Equal(mine.Run, await Seed.GetRunAsync(mine.Run.Id));
    }

    [Fact]
    public async Task ExpireLeases_StopsAtTheLimit()
    {
        await Seed.JobAsync("many");
        for (var i = 0; i < 3; i++)
        {
            await Seed.RunAsync("many", At.T0);
        }

        await Seed.ClaimAsync(At.T0);
        var decider = ScriptedLeaseExpiryDecider.Retry(TimeSpan.FromMinutes(1));

        var first = await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(5), 2), decider, Ct);
        var second = await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(5), 2), decider, Ct);

        Assert.Equal((2, 1), (first, second));
    }

    [Fact]
    public async Task ExpireLeases_ThatKillsTheRun_CanPauseTheJob()
    {
        await Seed.JobAsync("fragile");
        await Seed.RunningAsync("fragile", At.T0);

        await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(2), 10), ScriptedLeaseExpiryDecider.Kill(pauseJob: true), Ct);

        Assert.True((await Store.Jobs.GetAsync("fragile", Ct))!.Paused);
    }
}
