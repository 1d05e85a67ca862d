using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Conformance.MultiNode;

/// <summary>Nodes starting at once all migrate the same database: that must succeed everywhere and change nothing that exists.</summary>
public abstract class MigrationRaceConformance : MultiNodeConformance
{
    [Fact]
    public async Task Migrate_FromThreeNodesAtOnce_SucceedsEverywhere_AndKeepsTheData()
    {
        var job = await Seed.JobAsync("kept", nextFire: At.T0);
        var nodes = await NodesAsync(3);

        await RaceAsync(nodes, async (node, _) =>
        {
            await node.MigrateAsync(Ct);
            return true;
        });

        Assert.Equal(job, await nodes[2].Jobs.GetAsync("kept", Ct));
        var planned = await nodes[1].Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct);
        Assert.Equal(1, planned.RunsCreated);
    }
}
