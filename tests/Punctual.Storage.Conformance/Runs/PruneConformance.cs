using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>Pruning history: only finished runs older than the cutoff, in bounded batches, attempts included.</summary>
public abstract class PruneConformance : StoreConformance
{
    [Fact]
    public async Task Prune_DeletesOnlyFinishedRunsThatFinishedBeforeTheCutoff()
    {
        await Seed.JobAsync("job");
        var succeeded = await FinishedAsync(At.Minute(1), (running, at) => Seed.SucceedAsync(running, at));
        var dead = await FinishedAsync(At.Minute(2), (running, at) => Seed.KillAsync(running, at));
        var cancelled = await FinishedAsync(At.Minute(3), (running, at) =>
            Store.Runs.CancelAsync(new CancelRequest(running.Run.Id, "stop", at), Ct));
        var skipped = await Seed.RunAsync("job", At.Minute(4), state: RunState.Skipped, createdAt: At.Minute(4));
        var recent = await FinishedAsync(At.Minute(20), (running, at) => Seed.SucceedAsync(running, at));
        var failed = await FinishedAsync(At.Minute(5), (running, at) => Seed.FailAsync(running, at, retryAt: At.Minute(50)));
        var running = await Seed.RunningAsync("job", At.Minute(6));
        var pending = await Seed.RunAsync("job", At.Minute(60));

        var deleted = await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 100), Ct);

        Assert.Equal(4, deleted);
        foreach (var gone in new[] { succeeded, dead, cancelled, skipped.Id })
        {
            Assert.Null(await Store.Runs.GetAsync(gone, Ct));
        }

        foreach (var kept in new[] { recent, failed, running.Run.Id, pending.Id })
        {
            Assert.NotNull(await Store.Runs.GetAsync(kept, Ct));
        }
    }

    [Fact]
    public async Task Prune_KeepsARunThatFinishedExactlyAtTheCutoff()
    {
        await Seed.JobAsync("job");
        var atCutoff = await FinishedAsync(At.Minute(10), (running, at) => Seed.SucceedAsync(running, at));

        Assert.Equal(0, await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 100), Ct));
        Assert.NotNull(await Store.Runs.GetAsync(atCutoff, Ct));
    }

    [Fact]
    public async Task Prune_StopsAtTheLimit_OldestFirst()
    {
        await Seed.JobAsync("job");
        var newest = await FinishedAsync(At.Minute(3), (running, at) => Seed.SucceedAsync(running, at));
        var oldest = await FinishedAsync(At.Minute(1), (running, at) => Seed.SucceedAsync(running, at));
        var middle = await FinishedAsync(At.Minute(2), (running, at) => Seed.SucceedAsync(running, at));

        var first = await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 2), Ct);

        Assert.Equal(2, first);
        Assert.Null(await Store.Runs.GetAsync(oldest, Ct));
        Assert.Null(await Store.Runs.GetAsync(middle, Ct));
        Assert.NotNull(await Store.Runs.GetAsync(newest, Ct));
        Assert.Equal(1, await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 2), Ct));
        Assert.Equal(0, await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 2), Ct));
    }

    [Fact]
    public async Task Prune_RemovesTheAttemptsWithTheirRun_AndLeavesTheJob()
    {
        await Seed.JobAsync("job");
        var pruned = await FinishedAsync(At.Minute(1), (running, at) => Seed.SucceedAsync(running, at));

        await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 100), Ct);

        Assert.Null(await Store.Runs.GetAsync(pruned, Ct));
        Assert.NotNull(await Store.Jobs.GetAsync("job", Ct));
        Assert.Null(Assert.Single(await Store.Jobs.ListAsync(new JobListRequest(), Ct)).LastRun);
    }

    [Fact]
    public async Task Prune_PrunesFinishedTasksToo()
    {
        var task = await Seed.TaskAsync(At.T0);
        var claimed = Assert.Single((await Seed.ClaimAsync(At.T0)).Claimed);
        await Seed.SucceedAsync(claimed, At.Minute(1));

        Assert.Equal(1, await Store.Runs.PruneAsync(new PruneRequest(At.Minute(10), 100), Ct));
        Assert.Null(await Store.Runs.GetAsync(task.Id, Ct));
    }

    /// <summary>A run of "job" started at <paramref name="at"/> and ended there by <paramref name="finish"/>; returns its id.</summary>
    private async Task<long> FinishedAsync(DateTimeOffset at, Func<ClaimedRun, DateTimeOffset, Task> finish)
    {
        var running = await Seed.RunningAsync("job", at);
        await finish(running, at);
        return running.Run.Id;
    }
}
