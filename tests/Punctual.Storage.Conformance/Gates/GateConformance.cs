using Punctual.Core.Gates;
using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Gates;

/// <summary>Gates as the store keeps them: declared, paused, deleted, and applied where work is claimed and completed.</summary>
public abstract class GateConformance : StoreConformance
{
    private Task<GateWriteResult> DeclareAsync(string name, string rate, int burst, int? concurrency = null, bool adaptive = false, bool? paused = null)
    {
        Assert.True(GateRates.TryParse(rate, out var perSecond, out _));
        return Store.Gates.UpsertAsync(new GateUpsertRequest(new GateDefinition(name, GateLimits.Create(perSecond, burst, concurrency, adaptive), paused), At.T0), Ct);
    }

    private async Task<List<RunRecord>> TasksAsync(string gate, int count, DateTimeOffset due)
    {
        var runs = new List<RunRecord>();
        for (var i = 0; i < count; i++)
        {
            runs.Add((await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), due, At.T0, gate), Ct)).Run);
        }

        return runs;
    }

    [Fact]
    public async Task Upsert_CreatesThenUpdates_AndTheViewShowsLimitsAndCounts()
    {
        Assert.Equal(GateWriteStatus.Created, (await DeclareAsync("billing", "20/s", 40, concurrency: 5, adaptive: true)).Status);
        Assert.Equal(GateWriteStatus.Updated, (await DeclareAsync("billing", "10/s", 10)).Status);
        await TasksAsync("billing", 3, At.T0);
        await TasksAsync("billing", 2, At.Minute(5));

        var gate = await Store.Gates.GetAsync("billing", At.T0, Ct);

        Assert.NotNull(gate);
        Assert.Equal(10, gate.Limits.RatePerSecond);
        Assert.Equal(10, gate.Limits.Burst);
        Assert.Null(gate.Limits.Concurrency);
        Assert.False(gate.IsHostGate);
        Assert.Equal((3, 2, 0), (gate.Backlog, gate.Waiting, gate.InFlight));
    }

    [Fact]
    public async Task HostGates_AreCreatedByTheirFirstTask_AndTakeTheStoredDefaults()
    {
        await Store.Gates.SetHostDefaultsAsync(GateLimits.Create(5, 5, 2, adaptive: true), At.T0, Ct);
        await TasksAsync("host:receiver.example", 1, At.T0);

        var gate = Assert.Single(await Store.Gates.ListAsync(At.T0, Ct));

        Assert.Equal("host:receiver.example", gate.Name);
        Assert.True(gate.IsHostGate);
        Assert.Equal((5d, 5, 2), (gate.Limits.RatePerSecond, gate.Limits.Burst, gate.Limits.Concurrency));
    }

    [Fact]
    public async Task AJobNamingAMissingGate_IsRefused_AndNothingIsWritten()
    {
        var result = await Store.Jobs.CreateAsync(new JobCreateRequest("j", Specs.Job("j"), At.T0, At.T0, At.T0, "nowhere"), Ct);

        Assert.Equal(JobWriteStatus.GateNotFound, result.Status);
        Assert.Null(await Store.Jobs.GetAsync("j", Ct));
    }

    [Fact]
    public async Task Claim_ReleasesAtMostBurstAtOnce_ThenTheRate_AndSaysWhenTheGateOpensAgain()
    {
        await DeclareAsync("slow", "2/s", 3);
        await TasksAsync("slow", 10, At.T0);

        var first = await Seed.ClaimAsync(At.T0);
        var again = await Seed.ClaimAsync(At.T0);
        var later = await Seed.ClaimAsync(At.Second(1));

        Assert.Equal(3, first.Claimed.Count);
        Assert.Empty(again.Claimed);
        Assert.Equal(At.Second(0.5), again.GateRetryAt);
        Assert.Equal(2, later.Claimed.Count);
        Assert.All(first.Claimed.Concat(later.Claimed), c => Assert.Equal("slow", c.Run.Gate));
    }

    [Fact]
    public async Task ClaimsAtSubMillisecondInstants_NeverCreepOverTheRate()
    {
        // The gate's state is stored at millisecond precision; claims come at any instant. 300 claims 0.9 ms apart
        // (270 ms) may release at most burst + rate·T = 1 + 1000/s · 0.2691 s.
        await DeclareAsync("fine", "1000/s", burst: 1);
        await TasksAsync("fine", 400, At.T0);

        var released = 0;
        for (var k = 0; k < 300; k++)
        {
            var now = At.T0.AddTicks(k * 9_000L);
            released += (await Store.Runs.ClaimDueAsync(new ClaimRequest(now, 100, StoreSeed.NodeA, now.AddMinutes(1)), Doubles.ScriptedClaimDecider.StartAll(), Ct)).Claimed.Count;
        }

        Assert.InRange(released, 260, 1 + 269);
    }

    [Fact]
    public async Task Claim_NeverExceedsTheConcurrencyCap_AndACompletionFreesASlot()
    {
        await DeclareAsync("narrow", "1000/s", 1000, concurrency: 2);
        await TasksAsync("narrow", 5, At.T0);

        var first = await Seed.ClaimAsync(At.T0);
        var full = await Seed.ClaimAsync(At.Second(1));
        await Seed.SucceedAsync(first.Claimed[0], At.Second(2));
        var freed = await Seed.ClaimAsync(At.Second(2));

        Assert.Equal(2, first.Claimed.Count);
        Assert.Empty(full.Claimed);
        Assert.Null(full.GateRetryAt); // only the cap holds the work: the end of an attempt wakes the dispatcher
        Assert.True(full.WaitsForSlot);
        Assert.Single(freed.Claimed);
    }

    [Fact]
    public async Task ARunWhoseAttemptEnded_HoldsNoSlot_BeforeItsCompletionIsWritten()
    {
        await DeclareAsync("narrow", "1000/s", 1000, concurrency: 2);
        await TasksAsync("narrow", 5, At.T0);
        var first = await Seed.ClaimAsync(At.T0);

        // Both runs are still running in the store; the claiming node says one attempt has ended (its completion
        // is queued): one slot is free, not two, and no other run is counted out.
        var settling = new[] { first.Claimed[0].Run.Id, long.MaxValue };
        var claim = await Store.Runs.ClaimDueAsync(
            new ClaimRequest(At.Second(1), 10, StoreSeed.NodeA, At.Minute(1), Settling: settling), Doubles.ScriptedClaimDecider.StartAll(), Ct);
        var after = await Store.Runs.ClaimDueAsync(
            new ClaimRequest(At.Second(2), 10, StoreSeed.NodeA, At.Minute(1), Settling: settling), Doubles.ScriptedClaimDecider.StartAll(), Ct);

        Assert.Single(claim.Claimed);
        Assert.True(claim.WaitsForSlot);
        Assert.Empty(after.Claimed);
        Assert.Equal(RunState.Running, (await Store.Runs.GetAsync(first.Claimed[0].Run.Id, Ct))!.Run.State);
    }

    [Fact]
    public async Task AGatedRunWaitingForItsJobsRunningRun_IsNotHeldByTheGate_SoNoImmediateRetry()
    {
        // An exclusive job's next run waits behind its running one (overlap: buffer_one): the gate has room, so it
        // holds nothing back; the claim must not ask to be retried at once (that was a busy loop of claims).
        await DeclareAsync("api", "1000/s", 1000, concurrency: 10);
        await Store.Jobs.CreateAsync(new JobCreateRequest("long", Specs.Job("long"), null, null, At.T0, "api"), Ct);
        await Seed.RunningAsync("long", At.T0, exclusive: true);
        await Seed.RunAsync("long", At.Second(1), exclusive: true);

        var blocked = await Seed.ClaimAsync(At.Second(2));

        Assert.Empty(blocked.Claimed);
        Assert.Null(blocked.GateRetryAt);
        Assert.False(blocked.WaitsForSlot);
    }

    [Fact]
    public async Task APausedGate_ReleasesNothing_WhileOtherGatesAndUngatedRunsGoOn()
    {
        await DeclareAsync("held", "100/s", 100, paused: true);
        await DeclareAsync("open", "100/s", 100);
        var held = await TasksAsync("held", 3, At.T0);
        var open = await TasksAsync("open", 2, At.Second(1));
        var ungated = await Seed.TaskAsync(At.Second(2));

        var claimed = (await Seed.ClaimAsync(At.Second(3))).Claimed.Select(c => c.Run.Id).ToHashSet();

        Assert.Equal(open.Select(r => r.Id).Append(ungated.Id).ToHashSet(), claimed);
        Assert.Equal(3, (await Store.Gates.GetAsync("held", At.Second(3), Ct))!.Backlog);

        Assert.Equal(GateWriteStatus.Done, (await Store.Gates.SetPausedAsync(new GatePauseRequest("held", false, At.Second(4)), Ct)).Status);
        var resumed = new List<ClaimedRun>();
        for (var second = 4; second < 20 && resumed.Count < held.Count; second++)
        {
            resumed.AddRange((await Seed.ClaimAsync(At.Second(second))).Claimed);
        }

        Assert.Equal(held.Select(r => r.Id).Order(), resumed.Select(c => c.Run.Id).Order());
    }

    [Fact]
    public async Task AGateWithABigBacklog_DoesNotStarveAnotherGate()
    {
        await DeclareAsync("backfill", "10000/s", 10000);
        await DeclareAsync("fresh", "10000/s", 10000);
        await TasksAsync("backfill", 30, At.T0);
        var fresh = await TasksAsync("fresh", 3, At.Minute(1));

        var claimed = (await Seed.ClaimAsync(At.Minute(1), limit: 10)).Claimed;

        Assert.Equal(10, claimed.Count);
        Assert.Equal(fresh.Select(r => r.Id).Order(), claimed.Where(c => c.Run.Gate == "fresh").Select(c => c.Run.Id).Order());
    }

    [Fact]
    public async Task RetryAfter_On429_HoldsTheWholeGate_UntilItEnds()
    {
        await DeclareAsync("api", "100/s", 100);
        await TasksAsync("api", 4, At.T0);
        var first = (await Seed.ClaimAsync(At.T0, limit: 1)).Claimed.Single();
        await Seed.CompleteAsync(
            first,
            At.Second(1),
            AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 429", 429, retryAfter: TimeSpan.FromSeconds(30)),
            RunState.Failed,
            At.Second(31));

        var held = await Seed.ClaimAsync(At.Second(2));
        var gate = await Store.Gates.GetAsync("api", At.Second(2), Ct);
        var after = await Seed.ClaimAsync(At.Second(32));

        Assert.Empty(held.Claimed);
        Assert.Equal(At.Second(31), held.GateRetryAt);
        Assert.Equal(At.Second(31), gate!.State!.HeldUntil);
        Assert.Equal(4, after.Claimed.Count);
    }

    [Fact]
    public async Task Delete_IsRefusedWhileAJobOrAWaitingRunNamesTheGate()
    {
        await DeclareAsync("used", "1/s", 1);
        await DeclareAsync("unused", "1/s", 1);
        await Store.Jobs.CreateAsync(new JobCreateRequest("j", Specs.Job("j"), null, null, At.T0, "used"), Ct);

        var refused = await Store.Gates.DeleteAsync("used", Ct);
        var deleted = await Store.Gates.DeleteAsync("unused", Ct);

        Assert.Equal(GateWriteStatus.InUse, refused.Status);
        Assert.Contains("j", refused.UsedBy);
        Assert.NotNull(await Store.Gates.GetAsync("used", At.T0, Ct));
        Assert.Equal(GateWriteStatus.Done, deleted.Status);
        Assert.Equal(GateWriteStatus.NotFound, (await Store.Gates.DeleteAsync("unused", Ct)).Status);
    }

    [Fact]
    public async Task AJobMovedToAnotherGate_TakesItsWaitingRunsAlong()
    {
        await DeclareAsync("a", "1/s", 1);
        await DeclareAsync("b", "1/s", 1);
        var job = (await Store.Jobs.CreateAsync(new JobCreateRequest("j", Specs.Job("j"), null, null, At.T0, "a"), Ct)).Job!;
        var run = await Seed.RunAsync("j", At.T0);
        Assert.Equal("a", run.Gate);

        await Store.Jobs.UpdateAsync(new JobUpdateRequest("j", Specs.Job("j"), false, null, null, job.Version, At.T0, "b"), Ct);

        Assert.Equal("b", (await Seed.GetRunAsync(run.Id)).Gate);
        Assert.Equal(1, (await Store.Gates.GetAsync("b", At.T0, Ct))!.Backlog);
    }

    [Fact]
    public async Task Apply_WritesGatesBeforeJobs_AndRefusesToDeleteAGateInUse()
    {
        Assert.True(GateRates.TryParse("5/s", out var rate, out _));
        var gate = new GateDefinition("declared", GateLimits.Create(rate, 5, null, adaptive: false), null);
        var applied = await Store.Jobs.ApplyAsync(
            new JobApplyRequest([new JobCreateRequest("j", Specs.Job("j"), null, null, At.T0, "declared")], [], [], At.T0, [gate], []), Ct);
        var refused = await Store.Jobs.ApplyAsync(new JobApplyRequest([], [], [], At.T0, [], ["declared"]), Ct);

        Assert.Equal(JobWriteStatus.Done, applied.Status);
        Assert.Equal(JobWriteStatus.GateInUse, refused.Status);
        Assert.Equal("declared", refused.FailedJob);
        Assert.NotNull(await Store.Gates.GetAsync("declared", At.T0, Ct));
    }
}
