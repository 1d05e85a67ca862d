using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.MultiNode;

/// <summary>Nodes creating tasks at once: one key is one run, whichever node wins.</summary>
public abstract class TaskRaceConformance : MultiNodeConformance
{
    [Fact]
    public async Task CreateTask_WithOneKeyFromThreeNodesAtOnce_CreatesOneRun()
    {
        const int Keys = 25;
        var nodes = await NodesAsync(3);

        var results = await Task.WhenAll(Enumerable.Range(0, Keys).SelectMany(key => Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            nodes[i % nodes.Count].Runs.CreateTaskAsync(new TaskCreateRequest($"key-{key}", Specs.Task(), At.Second(i), At.T0), Ct)))));

        foreach (var byKey in results.GroupBy(result => result.Run.TaskKey))
        {
            Assert.Single(byKey, result => result.Created);
            Assert.Single(byKey.Select(result => result.Run.Id).Distinct());
        }

        Assert.Equal(Keys, results.Select(result => result.Run.Id).Distinct().Count());
        Assert.Equal(Keys, (await Store.Runs.ListAsync(new RunListRequest(Limit: 1_000), Ct)).Items.Count);
    }
}
