using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Conformance.Jobs;

/// <summary><c>apply</c>: a config file's creates, updates and deletes land together or not at all.</summary>
public abstract class JobApplyConformance : StoreConformance
{
    [Fact]
    public async Task Apply_WritesCreatesUpdatesAndDeletesTogether()
    {
        var kept = await Seed.JobAsync("kept");
        var removed = await Seed.JobAsync("removed");
        var newSpec = Specs.Job("kept", every: "5m");

        var result = await Store.Jobs.ApplyAsync(new JobApplyRequest(
            [Create("added")],
            [new JobUpdateRequest("kept", newSpec, true, At.Minute(5), At.Minute(5), kept.Version, At.Minute(1))],
            [new JobDeleteRequest("removed", removed.Version, At.Minute(1))],
            At.Minute(1)), Ct);

        Assert.Equal(new JobApplyResult(JobWriteStatus.Done, null), result);
        Assert.NotNull(await Store.Jobs.GetAsync("added", Ct));
        Assert.Null(await Store.Jobs.GetAsync("removed", Ct));
        var updated = await Store.Jobs.GetAsync("kept", Ct);
        Assert.Equal(newSpec, updated!.SpecJson);
        Assert.Equal(At.Minute(5), updated.NextFireAt);
    }

    [Fact]
    public async Task Apply_ThatDeletesAndRecreatesAName_Succeeds()
    {
        var old = await Seed.JobAsync("reborn");

        var result = await Store.Jobs.ApplyAsync(
            new JobApplyRequest([Create("reborn")], [], [new JobDeleteRequest("reborn", old.Version, At.Minute(1))], At.Minute(1)), Ct);

        Assert.Equal(JobWriteStatus.Done, result.Status);
        var job = await Store.Jobs.GetAsync("reborn", Ct);
        Assert.Equal(At.Minute(1), job!.CreatedAt);
    }

    [Fact]
    public async Task Apply_WhenACreatedNameIsTaken_FailsNamingIt_AndWritesNothing()
    {
        var taken = await Seed.JobAsync("taken");
        var updated = await Seed.JobAsync("updated");
        var deleted = await Seed.JobAsync("deleted");

        var result = await Store.Jobs.ApplyAsync(new JobApplyRequest(
            [Create("fresh"), Create("taken")],
            [new JobUpdateRequest("updated", Specs.Job("updated", every: "9m"), false, null, null, updated.Version, At.Minute(1))],
            [new JobDeleteRequest("deleted", deleted.Version, At.Minute(1))],
            At.Minute(1)), Ct);

        Assert.Equal(new JobApplyResult(JobWriteStatus.AlreadyExists, "taken"), result);
        await AssertUnchangedAsync(taken, updated, deleted);
        Assert.Null(await Store.Jobs.GetAsync("fresh", Ct));
    }

    [Fact]
    public async Task Apply_WhenAnUpdateConflicts_FailsNamingIt_AndWritesNothing()
    {
        var updated = await Seed.JobAsync("updated");
        var deleted = await Seed.JobAsync("deleted");

        var result = await Store.Jobs.ApplyAsync(new JobApplyRequest(
            [Create("fresh")],
            [new JobUpdateRequest("updated", Specs.Job("updated", every: "9m"), false, null, null, updated.Version + 1, At.Minute(1))],
            [new JobDeleteRequest("deleted", deleted.Version, At.Minute(1))],
            At.Minute(1)), Ct);

        Assert.Equal(new JobApplyResult(JobWriteStatus.Conflict, "updated"), result);
        await AssertUnchangedAsync(updated, deleted);
        Assert.Null(await Store.Jobs.GetAsync("fresh", Ct));
    }

    [Fact]
    public async Task Apply_WhenADeletedJobIsGone_FailsNamingIt_AndWritesNothing()
    {
        var updated = await Seed.JobAsync("updated");

        var result = await Store.Jobs.ApplyAsync(new JobApplyRequest(
            [Create("fresh")],
            [new JobUpdateRequest("updated", Specs.Job("updated", every: "9m"), false, null, null, updated.Version, At.Minute(1))],
            [new JobDeleteRequest("vanished", 1, At.Minute(1))],
            At.Minute(1)), Ct);

        Assert.Equal(new JobApplyResult(JobWriteStatus.NotFound, "vanished"), result);
        await AssertUnchangedAsync(updated);
        Assert.Null(await Store.Jobs.GetAsync("fresh", Ct));
    }

    [Fact]
    public async Task Apply_WhenAnUpdatedJobIsGone_FailsNamingIt()
    {
        var result = await Store.Jobs.ApplyAsync(new JobApplyRequest(
            [Create("fresh")],
            [new JobUpdateRequest("vanished", Specs.Job("vanished"), false, null, null, 1, At.Minute(1))],
            [],
            At.Minute(1)), Ct);

        Assert.Equal(new JobApplyResult(JobWriteStatus.NotFound, "vanished"), result);
        Assert.Null(await Store.Jobs.GetAsync("fresh", Ct));
    }

    [Fact]
    public async Task Apply_WithNothingToDo_Succeeds()
    {
        var result = await Store.Jobs.ApplyAsync(new JobApplyRequest([], [], [], At.T0), Ct);

        Assert.Equal(JobWriteStatus.Done, result.Status);
    }

    private static JobCreateRequest Create(string name) => new(name, Specs.Job(name), At.Minute(2), At.Minute(2), At.Minute(1));

    private async Task AssertUnchangedAsync(params JobRecord[] jobs)
    {
        foreach (var job in jobs)
        {
            Assert.Equal(job, await Store.Jobs.GetAsync(job.Name, Ct));
        }
    }
}
