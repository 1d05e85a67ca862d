using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>Claiming due runs: oldest first, bounded, exclusive per job, never one run twice.</summary>
public abstract class ClaimConformance : StoreConformance
{
    [Fact]
    public async Task ClaimDue_WithNothingDue_ClaimsNothing()
    {
        var result = await Seed.ClaimAsync(At.T0);

        Assert.Equal((0, 0), (result.Claimed.Count, result.Settled));
    }

    [Fact]
    public async Task ClaimDue_StartsDueRunsOldestFirst_UpToTheLimit()
    {
        await Seed.JobAsync("many");
        var third = await Seed.RunAsync("many", At.Minute(3));
        var first = await Seed.RunAsync("many", At.Minute(1));
        var second = await Seed.RunAsync("many", At.Minute(2));
        var firstTie = await Seed.RunAsync("many", At.Minute(1));

        var result = await Seed.ClaimAsync(At.Minute(5), limit: 3);

        Assert.Equal([first.Id, firstTie.Id, second.Id], result.Claimed.Select(claimed => claimed.Run.Id));
        Assert.Equal(RunState.Pending, (await Seed.GetRunAsync(third.Id)).State);
    }

    [Fact]
    public async Task ClaimDue_OnANodeWithoutCommands_LeavesCommandRunsDue_AndClaimsTheOthers()
    {
        await Seed.JobAsync("backup", spec: Specs.CommandJob("backup"));
        await Seed.JobAsync("hook");
        var command = await Seed.RunAsync("backup", At.Minute(1));
        var http = await Seed.RunAsync("hook", At.Minute(2));
        var task = await Seed.TaskAsync(At.Minute(3));

        var plain = await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Minute(5), 10, StoreSeed.NodeA, At.Minute(6)), ScriptedClaimDecider.StartAll(), Ct);

        Assert.Equal([http.Id, task.Id], plain.Claimed.Select(c => c.Run.Id));
        Assert.Equal((RunState.Pending, 0), ((await Seed.GetRunAsync(command.Id)).State, (await Seed.GetRunAsync(command.Id)).AttemptCount));
        var allowed = await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Minute(5), 10, StoreSeed.NodeB, At.Minute(6), AllowCommands: true), ScriptedClaimDecider.StartAll(), Ct);
        Assert.Equal(command.Id, Assert.Single(allowed.Claimed).Run.Id);
    }

    [Fact]
    public async Task ClaimDue_OnANodeWithoutCommands_LeavesCommandRunsInTheirNamedGate()
    {
        await Store.Gates.UpsertAsync(new Storage.Gates.GateUpsertRequest(new Core.Gates.GateDefinition("nightly", Core.Gates.GateLimits.Create(100, 100, null, false), null), At.T0), Ct);
        var created = await Store.Jobs.CreateAsync(new Storage.Jobs.JobCreateRequest("backup", Specs.CommandJob("backup", gate: "nightly"), null, null, At.T0, "nightly"), Ct);
        Assert.True(created.Done);
        var run = await Seed.RunAsync("backup", At.Minute(1));
        Assert.Equal("nightly", run.Gate);

        var plain = await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Minute(5), 10, StoreSeed.NodeA, At.Minute(6)), ScriptedClaimDecider.StartAll(), Ct);
        var allowed = await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Minute(5), 10, StoreSeed.NodeB, At.Minute(6), AllowCommands: true), ScriptedClaimDecider.StartAll(), Ct);

        Assert.Empty(plain.Claimed);
        Assert.Equal(run.Id, Assert.Single(allowed.Claimed).Run.Id);
    }

    [Fact]
    public async Task CountDue_CountsUnclaimedRunsDueNow_PendingOrFailed_UpToTheCap()
    {
        await Seed.JobAsync("backlog");
        await Seed.JobAsync("other");
        await Seed.RunAsync("backlog", At.Minute(1));
        await Seed.RunAsync("backlog", At.Minute(2));
        await Seed.RunAsync("backlog", At.Minute(9));
        await Seed.TaskAsync(At.Minute(3));
        await Seed.RunAsync("backlog", At.Minute(1), state: RunState.Skipped);
        var retried = await Seed.RunningAsync("other", At.T0);
        await Seed.FailAsync(retried, At.Second(10), retryAt: At.Minute(4));

        Assert.Equal(0, await Store.Runs.CountDueAsync(new CountDueRequest(At.T0), Ct));
        Assert.Equal(4, await Store.Runs.CountDueAsync(new CountDueRequest(At.Minute(5)), Ct));
        Assert.Equal(2, await Store.Runs.CountDueAsync(new CountDueRequest(At.Minute(5), Cap: 2), Ct));

        await Seed.ClaimAsync(At.Minute(5));
        Assert.Equal(0, await Store.Runs.CountDueAsync(new CountDueRequest(At.Minute(5)), Ct));
        Assert.Equal(1, await Store.Runs.CountDueAsync(new CountDueRequest(At.Minute(10)), Ct));
    }

    [Fact]
    public async Task ClaimDue_LeavesRunsThatAreNotYetDue()
    {
        await Seed.JobAsync("later");
        var run = await Seed.RunAsync("later", At.Second(1));

        var early = await Seed.ClaimAsync(At.T0);
        var onTime = await Seed.ClaimAsync(At.Second(1));

        Assert.Empty(early.Claimed);
        Assert.Equal(run.Id, Assert.Single(onTime.Claimed).Run.Id);
    }

    [Fact]
    public async Task ClaimDue_StartsTheAttempt_UnderTheOwnersLease()
    {
        var job = await Seed.JobAsync("leased");
        var run = await Seed.RunAsync("leased", At.T0);
        var decider = new ScriptedClaimDecider((row, _) => ClaimDecision.Start(row.Run.AttemptCount + 1, At.Minute(60)));

        var result = await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Second(5), 10, StoreSeed.NodeA, At.Second(35)), decider, Ct);

        var claimed = Assert.Single(result.Claimed);
        Assert.Equal((1, job.SpecJson, false), (claimed.Attempt, claimed.SpecJson, claimed.IsTaskSpec));
        var started = claimed.Run;
        Assert.Equal(run.Id, started.Id);
        Assert.Equal((RunState.Running, 1, StoreSeed.NodeA), (started.State, started.AttemptCount, started.LeaseOwner));
        Assert.Equal((At.Second(35), At.Minute(60)), (started.LeaseExpiresAt, started.DeadlineAt));
        Assert.Equal((At.Second(5), At.Second(5)), (started.StartedAt, started.UpdatedAt));
        Assert.Equal(started, await Seed.GetRunAsync(run.Id));
        var attempt = Assert.Single(await Seed.AttemptsAsync(run.Id));
        Assert.Equal(new AttemptRecord(run.Id, 1, StoreSeed.NodeA, At.Second(5), null, null, null, null, null, null), attempt);
    }

    [Fact]
    public async Task ClaimDue_RetriesAFailedRunOnceItsRetryIsDue_KeepingItsFirstStart()
    {
        await Seed.JobAsync("flaky");
        var first = await Seed.RunningAsync("flaky", At.T0);
        await Seed.FailAsync(first, At.Second(1), retryAt: At.Minute(1));

        var early = await Seed.ClaimAsync(At.Second(30));
        var retry = Assert.Single((await Seed.ClaimAsync(At.Minute(1))).Claimed);

        Assert.Empty(early.Claimed);
        Assert.Equal((first.Run.Id, 2), (retry.Run.Id, retry.Attempt));
        Assert.Equal(At.T0, retry.Run.StartedAt);
        var attempts = await Seed.AttemptsAsync(first.Run.Id);
        Assert.Equal([1, 2], attempts.Select(attempt => attempt.Number));
        Assert.NotNull(attempts[0].FinishedAt);
        Assert.Null(attempts[1].FinishedAt);
    }

    [Fact]
    public async Task ClaimDue_DoesNotStartAnExclusiveRun_WhileARunOfItsJobIsRunning()
    {
        await Seed.JobAsync("single");
        await Seed.JobAsync("other");
        var running = await Seed.RunningAsync("single", At.T0, exclusive: true);
        var waiting = await Seed.RunAsync("single", At.Minute(1), exclusive: true);
        var unrelated = await Seed.RunAsync("other", At.Minute(1), exclusive: true);

        var blocked = await Seed.ClaimAsync(At.Minute(2));
        await Seed.SucceedAsync(running, At.Minute(3));
        var freed = await Seed.ClaimAsync(At.Minute(3));

        Assert.Equal(unrelated.Id, Assert.Single(blocked.Claimed).Run.Id);
        Assert.Equal(waiting.Id, Assert.Single(freed.Claimed).Run.Id);
    }

    [Fact]
    public async Task ClaimDue_NeverStartsTwoExclusiveRunsOfOneJob()
    {
        await Seed.JobAsync("single");
        await Seed.JobAsync("other");
        var first = await Seed.RunAsync("single", At.T0, exclusive: true);
        var second = await Seed.RunAsync("single", At.Second(1), exclusive: true);
        var unrelated = await Seed.RunAsync("other", At.Second(2), exclusive: true);

        var claim = await Seed.ClaimAsync(At.Minute(1));
        var again = await Seed.ClaimAsync(At.Minute(1));

        Assert.Equal([first.Id, unrelated.Id], claim.Claimed.Select(claimed => claimed.Run.Id));
        Assert.Empty(again.Claimed);
        Assert.Equal(RunState.Pending, (await Seed.GetRunAsync(second.Id)).State);
    }

    [Fact]
    public async Task ClaimDue_ConcurrentClaims_NeverStartTwoExclusiveRunsOfOneJob()
    {
        await Seed.JobAsync("single");
        for (var i = 0; i < 6; i++)
        {
            await Seed.RunAsync("single", At.Second(i), exclusive: true);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Seed.ClaimAsync(At.Minute(1), owner: $"node-{i}"))));

        Assert.Single(claims.SelectMany(claim => claim.Claimed));
    }

    [Fact]
    public async Task ClaimDue_StartsNonExclusiveRunsOfOneJobSideBySide()
    {
        await Seed.JobAsync("parallel");
        await Seed.RunningAsync("parallel", At.T0);
        await Seed.RunAsync("parallel", At.Second(1));
        await Seed.RunAsync("parallel", At.Second(2));

        var claim = await Seed.ClaimAsync(At.Minute(1));

        Assert.Equal(2, claim.Claimed.Count);
    }

    [Fact]
    public async Task ClaimDue_ShowsTheDeciderTheRunAndItsJobsSpec()
    {
        var job = await Seed.JobAsync("watched");
        var run = await Seed.RunAsync("watched", At.T0);
        var decider = ScriptedClaimDecider.StartAll();

        await Store.Runs.ClaimDueAsync(new ClaimRequest(At.T0, 10, StoreSeed.NodeA, At.Minute(1)), decider, Ct);

        var row = Assert.Single(decider.Seen);
        Assert.Equal(new ClaimCandidateRow(run, job.SpecJson, IsTaskSpec: false, PeriodAlreadySucceeded: false), row);
    }

    [Fact]
    public async Task ClaimDue_FlagsARunWhosePeriodAlreadySucceeded_InItsOwnJobOnly()
    {
        await Seed.JobAsync("monthly");
        await Seed.JobAsync("other");
        var done = await Seed.RunningAsync("monthly", At.T0, period: "2026-03");
        await Seed.SucceedAsync(done, At.Second(1));
        var samePeriod = await Seed.RunAsync("monthly", At.Minute(1), period: "2026-03");
        var nextPeriod = await Seed.RunAsync("monthly", At.Minute(2), period: "2026-04");
        var noPeriod = await Seed.RunAsync("monthly", At.Minute(3));
        var otherJob = await Seed.RunAsync("other", At.Minute(4), period: "2026-03");
        var decider = ScriptedClaimDecider.StartAll();

        await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Minute(5), 10, StoreSeed.NodeA, At.Minute(6)), decider, Ct);

        var flags = decider.Seen.ToDictionary(row => row.Run.Id, row => row.PeriodAlreadySucceeded);
        Assert.True(flags[samePeriod.Id]);
        Assert.False(flags[nextPeriod.Id]);
        Assert.False(flags[noPeriod.Id]);
        Assert.False(flags[otherJob.Id]);
    }

    [Fact]
    public async Task ClaimDue_SettlesRunsTheDeciderSkipsOrKills_WithoutAnAttempt()
    {
        await Seed.JobAsync("mixed");
        var skipped = await Seed.RunAsync("mixed", At.T0);
        var killed = await Seed.RunAsync("mixed", At.Second(1));
        var started = await Seed.RunAsync("mixed", At.Second(2));
        var decider = new ScriptedClaimDecider((row, _) =>
            row.Run.Id == skipped.Id ? ClaimDecision.Skip("once_per: period already succeeded")
            : row.Run.Id == killed.Id ? ClaimDecision.Dead("retry deadline passed")
            : ClaimDecision.Start(1, null));

        var result = await Store.Runs.ClaimDueAsync(new ClaimRequest(At.Minute(1), 10, StoreSeed.NodeA, At.Minute(2)), decider, Ct);

        Assert.Equal(started.Id, Assert.Single(result.Claimed).Run.Id);
        Assert.Equal(2, result.Settled);
        var skippedNow = await Seed.GetRunAsync(skipped.Id);
        Assert.Equal((RunState.Skipped, "once_per: period already succeeded", At.Minute(1)), (skippedNow.State, skippedNow.Reason, skippedNow.FinishedAt));
        var killedNow = await Seed.GetRunAsync(killed.Id);
        Assert.Equal((RunState.Dead, "retry deadline passed", At.Minute(1)), (killedNow.State, killedNow.Reason, killedNow.FinishedAt));
        Assert.Empty(await Seed.AttemptsAsync(skipped.Id));
        Assert.Empty(await Seed.AttemptsAsync(killed.Id));
        Assert.Null(skippedNow.LeaseOwner);
    }

    [Fact]
    public async Task ClaimDue_ConcurrentClaims_NeverClaimOneRunTwice()
    {
        for (var i = 0; i < 40; i++)
        {
            await Seed.TaskAsync(At.Second(i % 7));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Seed.ClaimAsync(At.Minute(1), owner: $"node-{i}", limit: 10))));

        var ids = claims.SelectMany(claim => claim.Claimed).Select(claimed => claimed.Run.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
        foreach (var claimed in claims.SelectMany(claim => claim.Claimed))
        {
            var attempt = Assert.Single(await Seed.AttemptsAsync(claimed.Run.Id));
            Assert.Equal(claimed.Run.LeaseOwner, attempt.Node);
        }
    }
}
