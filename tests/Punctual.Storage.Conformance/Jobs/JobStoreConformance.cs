using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Conformance.Jobs;

/// <summary>Jobs: create, read, update, delete and pause, with versions guarding concurrent edits.</summary>
public abstract class JobStoreConformance : StoreConformance
{
    [Fact]
    public async Task Create_ThenGet_ReturnsTheJobAtVersionOne()
    {
        var spec = Specs.Job("nightly");
        var created = await Store.Jobs.CreateAsync(new JobCreateRequest("nightly", spec, At.Minute(1), At.Minute(1.5), At.T0), Ct);

        Assert.Equal(JobWriteStatus.Done, created.Status);
        var job = await Store.Jobs.GetAsync("nightly", Ct);
        Assert.NotNull(job);
        Assert.Equal(created.Job, job);
        Assert.Equal(spec, job.SpecJson);
        Assert.False(job.Paused);
        Assert.Equal(At.Minute(1), job.NextFireAt);
        Assert.Equal(At.Minute(1.5), job.NextDueAt);
        Assert.Equal(0, job.RunsCounted);
        Assert.Equal(0, job.MissedFires);
        Assert.Equal(1, job.Version);
        Assert.Equal(At.T0, job.CreatedAt);
        Assert.Equal(At.T0, job.UpdatedAt);
    }

    [Fact]
    public async Task Create_WhenTheNameIsTaken_ReturnsAlreadyExists_AndKeepsTheFirst()
    {
        var first = await Seed.JobAsync("nightly");

        var second = await Store.Jobs.CreateAsync(new JobCreateRequest("nightly", Specs.Job("nightly", every: "5m"), null, null, At.Minute(1)), Ct);

        Assert.Equal(JobWriteStatus.AlreadyExists, second.Status);
        Assert.Equal(first, await Store.Jobs.GetAsync("nightly", Ct));
    }

    [Fact]
    public async Task Get_UnknownName_ReturnsNull() => Assert.Null(await Store.Jobs.GetAsync("missing", Ct));

    [Fact]
    public async Task Update_ReplacesTheSpec_BumpsTheVersion_AndKeepsTheNextFireWhenTheScheduleIsUnchanged()
    {
        await Seed.JobAsync("nightly", nextFire: At.Minute(1));
        var spec = Specs.Job("nightly", overlap: "forbid");

        var result = await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("nightly", spec, ScheduleChanged: false, At.Minute(9), At.Minute(9), ExpectedVersion: null, At.Minute(5)), Ct);

        Assert.Equal(JobWriteStatus.Done, result.Status);
        var job = await Store.Jobs.GetAsync("nightly", Ct);
        Assert.Equal(result.Job, job);
        Assert.Equal(spec, job!.SpecJson);
        Assert.Equal(2, job.Version);
        Assert.Equal(At.Minute(1), job.NextFireAt);
        Assert.Equal(At.Minute(1), job.NextDueAt);
        Assert.Equal(At.T0, job.CreatedAt);
        Assert.Equal(At.Minute(5), job.UpdatedAt);
    }

    [Fact]
    public async Task Update_WhenTheScheduleChanged_MovesTheNextFire()
    {
        await Seed.JobAsync("nightly", nextFire: At.Minute(1));

        await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("nightly", Specs.Job("nightly", every: "5m"), ScheduleChanged: true, At.Minute(5), At.Minute(6), null, At.Minute(2)), Ct);

        var job = await Store.Jobs.GetAsync("nightly", Ct);
        Assert.Equal(At.Minute(5), job!.NextFireAt);
        Assert.Equal(At.Minute(6), job.NextDueAt);
    }

    [Fact]
    public async Task Update_ToAnOnDemandSchedule_ClearsTheNextFire()
    {
        await Seed.JobAsync("nightly", nextFire: At.Minute(1));

        await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("nightly", Specs.Job("nightly", every: null), ScheduleChanged: true, null, null, null, At.Minute(2)), Ct);

        var job = await Store.Jobs.GetAsync("nightly", Ct);
        Assert.Null(job!.NextFireAt);
        Assert.Null(job.NextDueAt);
    }

    [Fact]
    public async Task Update_WithAStaleExpectedVersion_ReturnsConflict_AndWritesNothing()
    {
        var original = await Seed.JobAsync("nightly");
        await Store.Jobs.SetPausedAsync(new JobPauseRequest("nightly", true, At.Minute(1)), Ct);
        var paused = await Store.Jobs.GetAsync("nightly", Ct);

        var result = await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("nightly", Specs.Job("nightly", every: "5m"), false, null, null, ExpectedVersion: original.Version, At.Minute(2)), Ct);

        Assert.Equal(JobWriteStatus.Conflict, result.Status);
        Assert.Equal(paused, await Store.Jobs.GetAsync("nightly", Ct));
    }

    [Fact]
    public async Task Update_WithTheCurrentExpectedVersion_Applies()
    {
        var original = await Seed.JobAsync("nightly");

        var result = await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("nightly", Specs.Job("nightly", every: "5m"), false, null, null, ExpectedVersion: original.Version, At.Minute(2)), Ct);

        Assert.Equal(JobWriteStatus.Done, result.Status);
        Assert.Equal(original.Version + 1, result.Job!.Version);
    }

    [Fact]
    public async Task Update_UnknownJob_ReturnsNotFound()
    {
        var result = await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("missing", Specs.Job("missing"), false, null, null, null, At.T0), Ct);

        Assert.Equal(JobWriteStatus.NotFound, result.Status);
        Assert.Null(await Store.Jobs.GetAsync("missing", Ct));
    }

    [Fact]
    public async Task Delete_RemovesTheJob_WithItsRunsAndTheirAttempts()
    {
        await Seed.JobAsync("nightly");
        await Seed.JobAsync("hourly");
        var running = await Seed.RunningAsync("nightly", At.Minute(1));
        var pending = await Seed.RunAsync("nightly", At.Minute(5));
        var other = await Seed.RunAsync("hourly", At.Minute(5));

        var result = await Store.Jobs.DeleteAsync(new JobDeleteRequest("nightly", null, At.Minute(2)), Ct);

        Assert.Equal(JobWriteStatus.Done, result.Status);
        Assert.Null(await Store.Jobs.GetAsync("nightly", Ct));
        Assert.Null(await Store.Runs.GetAsync(running.Run.Id, Ct));
        Assert.Null(await Store.Runs.GetAsync(pending.Id, Ct));
        Assert.NotNull(await Store.Runs.GetAsync(other.Id, Ct));
    }

    [Fact]
    public async Task Delete_WhileAnAttemptIsInFlight_LeavesItsCompletionNothingToApply()
    {
        await Seed.JobAsync("nightly");
        var running = await Seed.RunningAsync("nightly", At.Minute(1));
        await Store.Jobs.DeleteAsync(new JobDeleteRequest("nightly", null, At.Minute(2)), Ct);

        Assert.False(await Seed.SucceedAsync(running, At.Minute(3)));
    }

    [Fact]
    public async Task Delete_WithAStaleExpectedVersion_ReturnsConflict_AndKeepsTheJob()
    {
        await Seed.JobAsync("nightly");

        var result = await Store.Jobs.DeleteAsync(new JobDeleteRequest("nightly", ExpectedVersion: 7, At.Minute(1)), Ct);

        Assert.Equal(JobWriteStatus.Conflict, result.Status);
        Assert.NotNull(await Store.Jobs.GetAsync("nightly", Ct));
    }

    [Fact]
    public async Task Delete_UnknownJob_ReturnsNotFound()
    {
        var result = await Store.Jobs.DeleteAsync(new JobDeleteRequest("missing", null, At.T0), Ct);

        Assert.Equal(JobWriteStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task SetPaused_PausesAndResumes_BumpingTheVersion_AndKeepingTheNextFire()
    {
        await Seed.JobAsync("nightly", nextFire: At.Minute(1));

        var paused = await Store.Jobs.SetPausedAsync(new JobPauseRequest("nightly", true, At.Minute(2)), Ct);
        Assert.Equal(JobWriteStatus.Done, paused.Status);
        Assert.True(paused.Job!.Paused);
        Assert.Equal(2, paused.Job.Version);
        Assert.Equal(At.Minute(1), paused.Job.NextFireAt);
        Assert.Equal(At.Minute(2), paused.Job.UpdatedAt);

        var resumed = await Store.Jobs.SetPausedAsync(new JobPauseRequest("nightly", false, At.Minute(30)), Ct);
        Assert.False(resumed.Job!.Paused);
        Assert.Equal(3, resumed.Job.Version);
        Assert.Equal(At.Minute(1), resumed.Job.NextFireAt);
        Assert.Equal(resumed.Job, await Store.Jobs.GetAsync("nightly", Ct));
    }

    [Fact]
    public async Task SetPaused_ToTheStateItIsAlreadyIn_ChangesNothing()
    {
        var job = await Seed.JobAsync("nightly");

        var result = await Store.Jobs.SetPausedAsync(new JobPauseRequest("nightly", false, At.Minute(2)), Ct);

        Assert.Equal(JobWriteStatus.Done, result.Status);
        Assert.Equal(job, await Store.Jobs.GetAsync("nightly", Ct));
    }

    [Fact]
    public async Task SetPaused_UnknownJob_ReturnsNotFound()
    {
        var result = await Store.Jobs.SetPausedAsync(new JobPauseRequest("missing", true, At.T0), Ct);

        Assert.Equal(JobWriteStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task List_OrdersByName_ContinuesAfterAName_AndStopsAtTheLimit()
    {
        foreach (var name in new[] { "delta", "alpha", "charlie", "bravo", "echo" })
        {
            await Seed.JobAsync(name);
        }

        var first = await Store.Jobs.ListAsync(new JobListRequest(Limit: 2), Ct);
        var next = await Store.Jobs.ListAsync(new JobListRequest(AfterName: "bravo", Limit: 2), Ct);
        var rest = await Store.Jobs.ListAsync(new JobListRequest(AfterName: "delta"), Ct);

        Assert.Equal(["alpha", "bravo"], first.Select(item => item.Job.Name));
        Assert.Equal(["charlie", "delta"], next.Select(item => item.Job.Name));
        Assert.Equal(["echo"], rest.Select(item => item.Job.Name));
    }

    [Fact]
    public async Task List_ShowsEachJobsNewestRun()
    {
        await Seed.JobAsync("alpha");
        await Seed.JobAsync("bravo");
        await Seed.RunAsync("alpha", At.Minute(1));
        var newest = await Seed.RunAsync("alpha", At.Minute(2), state: RunState.Skipped);

        var items = await Store.Jobs.ListAsync(new JobListRequest(), Ct);

        Assert.Equal(newest, items.Single(item => item.Job.Name == "alpha").LastRun);
        Assert.Null(items.Single(item => item.Job.Name == "bravo").LastRun);
    }

    [Fact]
    public async Task NextDueAt_IsTheEarliestDueTimeAmongUnpausedJobs()
    {
        await Seed.JobAsync("later", nextFire: At.Minute(10));
        await Seed.JobAsync("paused", nextFire: At.Minute(1));
        await Seed.JobAsync("sooner", nextFire: At.Minute(5));
        await Seed.JobAsync("on-demand");
        await Store.Jobs.SetPausedAsync(new JobPauseRequest("paused", true, At.T0), Ct);

        Assert.Equal(At.Minute(5), await Store.Jobs.NextDueAtAsync(Ct));
    }

    [Fact]
    public async Task NextDueAt_WithNothingScheduled_IsNull()
    {
        await Seed.JobAsync("on-demand");

        Assert.Null(await Store.Jobs.NextDueAtAsync(Ct));
    }
}
