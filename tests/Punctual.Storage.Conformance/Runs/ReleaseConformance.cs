using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>Graceful hand-over: a stopping node gives its runs back, without spending their retry budget.</summary>
public abstract class ReleaseConformance : StoreConformance
{
    [Fact]
    public async Task Release_PutsTheRunBackDueNow_AndClosesTheAttemptAsReleased()
    {
        await Seed.JobAsync("job");
        var running = await Seed.RunningAsync("job", At.T0);

        var released = await Store.Runs.ReleaseAsync(new ReleaseRequest(StoreSeed.NodeA, [(running.Run.Id, running.Attempt)], At.Second(5)), Ct);

        Assert.Equal(1, released);
        var run = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal((RunState.Pending, At.Second(5), 1, 1), (run.State, run.DueAt, run.AttemptCount, run.AttemptBase));
        Assert.Equal(((string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (run.LeaseOwner, run.LeaseExpiresAt, run.FinishedAt));
        var attempt = Assert.Single(await Seed.AttemptsAsync(run.Id));
        Assert.Equal(("released", At.Second(5)), (attempt.Outcome, attempt.FinishedAt));
    }

    [Fact]
    public async Task Release_ThenClaim_StartsTheNextAttemptWithTheSameKey()
    {
        await Seed.JobAsync("job");
        var running = await Seed.RunningAsync("job", At.T0);
        await Store.Runs.ReleaseAsync(new ReleaseRequest(StoreSeed.NodeA, [(running.Run.Id, running.Attempt)], At.Second(5)), Ct);

        var claimed = Assert.Single((await Seed.ClaimAsync(At.Second(5), StoreSeed.NodeB)).Claimed);

        Assert.Equal((running.Run.Id, 2, running.Run.IdempotencyKey), (claimed.Run.Id, claimed.Attempt, claimed.Run.IdempotencyKey));
    }

    [Fact]
    public async Task Release_OfARunThisNodeNoLongerHolds_ChangesNothing()
    {
        await Seed.JobAsync("job");
        var running = await Seed.RunningAsync("job", At.T0);
        await Seed.SucceedAsync(running, At.Second(1));

        var wrongOwner = await Store.Runs.ReleaseAsync(new ReleaseRequest(StoreSeed.NodeB, [(running.Run.Id, running.Attempt)], At.Second(5)), Ct);
        var finished = await Store.Runs.ReleaseAsync(new ReleaseRequest(StoreSeed.NodeA, [(running.Run.Id, running.Attempt)], At.Second(5)), Ct);

        Assert.Equal((0, 0), (wrongOwner, finished));
        Assert.Equal(RunState.Succeeded, (await Seed.GetRunAsync(running.Run.Id)).State);
    }
}
