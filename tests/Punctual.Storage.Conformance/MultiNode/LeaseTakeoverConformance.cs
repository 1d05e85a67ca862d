using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.MultiNode;

/// <summary>
/// A node presumed dead: another node expires its lease and takes the run over, and whatever the first node reports
/// afterwards is fenced off. Racing the two, every run still ends exactly once.
/// </summary>
public abstract class LeaseTakeoverConformance : MultiNodeConformance
{
    [Fact]
    public async Task CompleteAttempts_FromANodeWhoseLeaseAPeerTookOver_IsFencedOff()
    {
        var nodes = await NodesAsync(2);
        var peer = new StoreSeed(nodes[1]);
        await Seed.JobAsync("lost");
        var stale = await Seed.RunningAsync("lost", At.T0, owner: StoreSeed.NodeA);

        var expired = await nodes[1].Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(2), 10), ScriptedLeaseExpiryDecider.Retry(TimeSpan.Zero), Ct);
        var current = Assert.Single((await peer.ClaimAsync(At.Minute(2), owner: StoreSeed.NodeB)).Claimed);

        Assert.Equal(1, expired);
        Assert.False(await Seed.SucceedAsync(stale, At.Minute(3)));
        Assert.Equal(current.Run, await Seed.GetRunAsync(stale.Run.Id));
        Assert.True(await peer.SucceedAsync(current, At.Minute(3)));
        var attempts = await Seed.AttemptsAsync(stale.Run.Id);
        Assert.Equal(
            [(StoreSeed.NodeA, "transient", ErrorClasses.NodeLost), (StoreSeed.NodeB, "succeeded", null)],
            attempts.Select(attempt => (attempt.Node, attempt.Outcome!, attempt.ErrorClass)));
    }

    [Fact]
    public async Task CompleteAttempts_RacingALeaseTakeover_EndEveryRunExactlyOnce()
    {
        const int Runs = 40;
        var nodes = await NodesAsync(2);
        for (var i = 0; i < Runs; i++)
        {
            await Seed.TaskAsync(At.T0);
        }

        var stale = (await Seed.ClaimAsync(At.T0, owner: StoreSeed.NodeA)).Claimed;
        Assert.Equal(Runs, stale.Count);

        // Node A reports its results late, one by one, while node B reaps A's expired leases and redoes the work.
        var outcomes = await RaceAsync(nodes, async (node, index) =>
        {
            var seed = new StoreSeed(node);
            var applied = 0;
            if (index == 0)
            {
                foreach (var claimed in stale)
                {
                    applied += await seed.SucceedAsync(claimed, At.Minute(2)) ? 1 : 0;
                }

                return applied;
            }

            while (true)
            {
                await node.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.Minute(2), 3), ScriptedLeaseExpiryDecider.Retry(TimeSpan.Zero), Ct);
                var taken = (await seed.ClaimAsync(At.Minute(2), owner: StoreSeed.NodeB, limit: 3)).Claimed;
                foreach (var claimed in taken)
                {
                    applied += await seed.SucceedAsync(claimed, At.Minute(3)) ? 1 : 0;
                }

                if (taken.Count == 0 && (await node.Runs.ListAsync(new RunListRequest(State: RunState.Running), Ct)).Items.Count == 0)
                {
                    return applied;
                }
            }
        });

        Assert.Equal(Runs, outcomes.Sum());
        foreach (var claimed in stale)
        {
            var attempts = await Seed.AttemptsAsync(claimed.Run.Id);
            Assert.Equal(RunState.Succeeded, (await Seed.GetRunAsync(claimed.Run.Id)).State);
            Assert.Single(attempts, attempt => attempt.Outcome == "succeeded");
        }
    }
}
