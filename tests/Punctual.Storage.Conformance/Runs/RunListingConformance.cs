using Punctual.Core.Overlap;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>Reading runs: one with its attempts, filtered pages newest first, and the dispatcher's next due time.</summary>
public abstract class RunListingConformance : StoreConformance
{
    [Fact]
    public async Task Get_ReturnsTheRunWithItsAttemptsInOrder()
    {
        await Seed.JobAsync("job");
        var first = await Seed.RunningAsync("job", At.T0);
        await Seed.FailAsync(first, At.Second(1), retryAt: At.Minute(1));
        var second = Assert.Single((await Seed.ClaimAsync(At.Minute(1), owner: StoreSeed.NodeB)).Claimed);
        await Seed.SucceedAsync(second, At.Minute(2));

        var detail = await Store.Runs.GetAsync(first.Run.Id, Ct);

        Assert.Equal(RunState.Succeeded, detail!.Run.State);
        Assert.Equal("job", detail.Run.JobName);
        Assert.Equal(
            [(1, StoreSeed.NodeA, "transient"), (2, StoreSeed.NodeB, "succeeded")],
            detail.Attempts.Select(attempt => (attempt.Number, attempt.Node, attempt.Outcome!)));
    }

    [Fact]
    public async Task Get_UnknownRun_IsNull() => Assert.Null(await Store.Runs.GetAsync(42, Ct));

    [Fact]
    public async Task List_ShowsRunsNewestFirst()
    {
        await Seed.JobAsync("job");
        var older = await Seed.RunAsync("job", At.Minute(5));
        var task = await Seed.TaskAsync(At.T0);
        var newer = await Seed.RunAsync("job", At.Minute(1));

        var page = await Store.Runs.ListAsync(new RunListRequest(), Ct);

        Assert.Equal([newer, task, older], page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_FiltersByJobStateAndOrigin()
    {
        await Seed.JobAsync("alpha", nextFire: At.T0);
        await Seed.JobAsync("beta");
        await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct);
        var scheduled = Assert.Single((await Store.Runs.ListAsync(new RunListRequest(Origin: RunOrigin.Schedule), Ct)).Items);
        var alphaSkipped = await Seed.RunAsync("alpha", At.Minute(1), state: RunState.Skipped);
        var alphaManual = await Seed.RunAsync("alpha", At.Minute(2));
        var betaManual = await Seed.RunAsync("beta", At.Minute(3));
        var task = await Seed.TaskAsync(At.Minute(4));

        Assert.Equal([alphaManual.Id, alphaSkipped.Id, scheduled.Id], await IdsAsync(new RunListRequest(JobName: "alpha")));
        Assert.Equal([betaManual.Id], await IdsAsync(new RunListRequest(JobName: "beta")));
        Assert.Equal([alphaSkipped.Id], await IdsAsync(new RunListRequest(State: RunState.Skipped)));
        Assert.Equal([task.Id], await IdsAsync(new RunListRequest(Origin: RunOrigin.Task)));
        Assert.Equal([alphaManual.Id], await IdsAsync(new RunListRequest(JobName: "alpha", State: RunState.Pending, Origin: RunOrigin.Manual)));
        Assert.Empty(await IdsAsync(new RunListRequest(JobName: "beta", State: RunState.Skipped)));
        Assert.Equal("alpha", scheduled.JobName);
    }

    [Fact]
    public async Task CountActiveAt_ReadsBackTheRunsEachJobHadActiveAtThatInstant()
    {
        var busy = await Seed.JobAsync("busy");
        var idle = await Seed.JobAsync("idle");
        await Seed.SucceedAsync(await Seed.RunningAsync("idle", At.T0), At.Second(30));
        await Seed.RunAsync("idle", At.Minute(6), state: RunState.Skipped);
        var running = await Seed.RunningAsync("busy", At.T0);
        await Seed.SucceedAsync(running, At.Minute(2));
        await Seed.RunAsync("busy", At.Minute(5));
        await Seed.RunAsync("busy", At.Minute(7), createdAt: At.Minute(3));
        await Seed.TaskAsync(At.T0);

        var atOne = await Store.Runs.CountActiveAtAsync(At.Minute(1), Ct);
        var atFour = await Store.Runs.CountActiveAtAsync(At.Minute(4), Ct);

        Assert.Equal([(busy.Id, new ActiveRuns(1, 1))], atOne.Select(pair => (pair.Key, pair.Value)));
        Assert.Equal([(busy.Id, new ActiveRuns(0, 2))], atFour.Select(pair => (pair.Key, pair.Value)));
        Assert.DoesNotContain(idle.Id, atOne.Keys);
    }

    [Fact]
    public async Task List_UnknownJob_IsEmpty()
    {
        await Seed.JobAsync("job");
        await Seed.RunAsync("job", At.T0);

        var page = await Store.Runs.ListAsync(new RunListRequest(JobName: "missing"), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_PagesWithTheCursor_WithoutGapsOrRepeats()
    {
        var all = await SeedRunsAsync(25);

        var pages = await WalkAsync(new RunListRequest(Limit: 10));

        Assert.Equal([10, 10, 5], pages.Select(page => page.Items.Count));
        Assert.Equal(all.OrderDescending(), pages.SelectMany(page => page.Items).Select(run => run.Id));
        Assert.Null(pages[^1].NextCursor);
    }

    [Fact]
    public async Task List_WhenTheLastPageIsExactlyFull_TheNextPageIsEmpty()
    {
        var all = await SeedRunsAsync(20);

        var pages = await WalkAsync(new RunListRequest(Limit: 10));

        Assert.Equal([10, 10, 0], pages.Select(page => page.Items.Count));
        Assert.Equal(all.OrderDescending(), pages.SelectMany(page => page.Items).Select(run => run.Id));
    }

    [Fact]
    public async Task List_PagesThroughAFilter()
    {
        await Seed.JobAsync("job");
        var skipped = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var run = await Seed.RunAsync("job", At.Minute(i), state: i % 2 == 0 ? RunState.Skipped : RunState.Pending);
            if (run.State == RunState.Skipped)
            {
                skipped.Add(run.Id);
            }
        }

        var pages = await WalkAsync(new RunListRequest(State: RunState.Skipped, Limit: 4));

        Assert.Equal(skipped.OrderDescending(), pages.SelectMany(page => page.Items).Select(run => run.Id));
    }

    [Fact]
    public async Task NextDueAt_IsTheEarliestWaitingRunAfterTheGivenInstant()
    {
        await Seed.JobAsync("single");
        await Seed.RunningAsync("single", At.T0, exclusive: true);
        await Seed.RunAsync("single", At.Minute(1), exclusive: true);
        await Seed.TaskAsync(At.Minute(3));
        await Seed.RunAsync("single", At.Second(30), state: RunState.Skipped);

        Assert.Equal(At.Minute(1), await Store.Runs.NextDueAtAsync(At.T0, Ct));
        Assert.Equal(At.Minute(3), await Store.Runs.NextDueAtAsync(At.Minute(1), Ct)); // due (and blocked) runs are not "next"
        Assert.Null(await Store.Runs.NextDueAtAsync(At.Minute(3), Ct));
    }

    [Fact]
    public async Task NextDueAt_CountsRunsAwaitingRetry()
    {
        await Seed.JobAsync("flaky");
        var running = await Seed.RunningAsync("flaky", At.T0);
        await Seed.FailAsync(running, At.Second(1), retryAt: At.Minute(7));

        Assert.Equal(At.Minute(7), await Store.Runs.NextDueAtAsync(At.T0, Ct));
    }

    [Fact]
    public async Task NextDueAt_WithNothingWaiting_IsNull()
    {
        await Seed.JobAsync("job");
        await Seed.RunningAsync("job", At.T0);

        Assert.Null(await Store.Runs.NextDueAtAsync(At.T0, Ct));
    }

    private async Task<List<long>> SeedRunsAsync(int count)
    {
        await Seed.JobAsync("job");
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(i % 3 == 0 ? (await Seed.TaskAsync(At.Minute(i))).Id : (await Seed.RunAsync("job", At.Minute(i))).Id);
        }

        return ids;
    }

    private async Task<List<RunPage>> WalkAsync(RunListRequest request)
    {
        var pages = new List<RunPage>();
        long? cursor = null;
        do
        {
            var page = await Store.Runs.ListAsync(request with { BeforeId = cursor }, Ct);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 100);

        return pages;
    }

    private async Task<List<long>> IdsAsync(RunListRequest request) =>
        (await Store.Runs.ListAsync(request, Ct)).Items.Select(run => run.Id).ToList();
}
