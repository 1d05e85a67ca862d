using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.MultiNode;

/// <summary>Nodes claiming at once: every due run is claimed by exactly one node, and an exclusive job never runs twice at a time.</summary>
public abstract class ClaimRaceConformance : MultiNodeConformance
{
    [Fact]
    public async Task ClaimDue_FromThreeNodesAtOnce_ClaimsEveryDueRunExactlyOnce()
    {
        const int Runs = 300;
        for (var i = 0; i < Runs; i++)
        {
            await Seed.TaskAsync(At.Second(i % 17));
        }

        var nodes = await NodesAsync(3);

        var claimed = await RaceAsync(nodes, async (node, index) =>
        {
            var seed = new StoreSeed(node);
            var mine = new List<ClaimedRun>();
            while (true)
            {
                var claim = await seed.ClaimAsync(At.Minute(1), owner: $"node-{index}", limit: 5);
                if (claim.Claimed.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(claim.Claimed);
            }
        });

        var all = claimed.SelectMany(mine => mine).ToList();
        Assert.Equal(Runs, all.Count);
        Assert.Equal(Runs, all.Select(c => c.Run.Id).Distinct().Count());
        Assert.Empty((await Seed.ClaimAsync(At.Minute(1))).Claimed);
        foreach (var run in all)
        {
            var attempt = Assert.Single(await Seed.AttemptsAsync(run.Run.Id));
            Assert.Equal((run.Run.LeaseOwner, RunState.Running), (attempt.Node, (await Seed.GetRunAsync(run.Run.Id)).State));
        }
    }

    [Fact]
    public async Task ClaimDue_FromThreeNodesAtOnce_NeverRunsTwoRunsOfAnExclusiveJobSideBySide()
    {
        const int Runs = 15;
        await Seed.JobAsync("single");
        for (var i = 0; i < Runs; i++)
        {
            await Seed.RunAsync("single", At.Second(i), exclusive: true);
        }

        var nodes = await NodesAsync(3);
        var completed = 0;
        ClaimedRun? running = null;
        for (var round = 0; round < 10 * Runs && completed < Runs; round++)
        {
            // Each round, every node claims while the holder of the running run (if any) completes it: a claim may
            // start the next run only once the completion has committed.
            var holder = running;
            var results = await RaceAsync(nodes, async (node, index) =>
            {
                if (holder is not null && index == round % nodes.Count)
                {
                    Assert.True(await new StoreSeed(node).SucceedAsync(holder, At.Minute(2)));
                    return [];
                }

                return (await new StoreSeed(node).ClaimAsync(At.Minute(1), owner: $"node-{index}")).Claimed;
            });

            completed += holder is null ? 0 : 1;
            var started = results.SelectMany(claimed => claimed).ToList();
            Assert.True(started.Count <= 1, $"round {round}: {started.Count} runs of the exclusive job started at once");
            var runningNow = (await Store.Runs.ListAsync(new RunListRequest(JobName: "single", State: RunState.Running), Ct)).Items;
            Assert.True(runningNow.Count <= 1, $"round {round}: {runningNow.Count} runs of the exclusive job are running");
            running = started.SingleOrDefault();
        }

        Assert.Equal(Runs, completed);
        var succeeded = (await Store.Runs.ListAsync(new RunListRequest(JobName: "single", State: RunState.Succeeded), Ct)).Items;
        Assert.Equal(Runs, succeeded.Count);
    }
}
