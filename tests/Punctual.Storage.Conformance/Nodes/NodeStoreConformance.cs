using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Nodes;

namespace Punctual.Storage.Conformance.Nodes;

/// <summary>The cluster's roster: heartbeats register and refresh nodes; clean stops are recorded; old rows are pruned.</summary>
public abstract class NodeStoreConformance : StoreConformance
{
    [Fact]
    public async Task Heartbeat_RegistersTheNode_ThenRefreshesIt()
    {
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("a", "host-a", "1.0", At.T0, 0, At.T0), Ct);
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("a", "host-a", "1.0", At.T0, 7, At.Second(10)), Ct);

        var node = Assert.Single(await Store.Nodes.ListAsync(Ct));
        Assert.Equal(new NodeRecord("a", "host-a", "1.0", At.T0, At.Second(10), 7, null), node);
    }

    [Fact]
    public async Task ReadClock_IsTheDatabasesClock_OrNullForAnEmbeddedStore()
    {
        var before = TimeProvider.System.GetUtcNow();
        var clock = await Store.Nodes.ReadClockAsync(Ct);
        var after = TimeProvider.System.GetUtcNow();

        if (Store.Capabilities.SingleNode)
        {
            Assert.Null(clock);
        }
        else
        {
            // The test's database runs on this machine: one clock, so the reading falls within the call (± rounding).
            Assert.InRange(clock!.Value, before.AddSeconds(-1), after.AddSeconds(1));
        }
    }

    [Fact]
    public async Task List_IsNewestStartFirst()
    {
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("old", "h", "1.0", At.T0, 0, At.Minute(5)), Ct);
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("new", "h", "1.0", At.Minute(1), 0, At.Minute(5)), Ct);

        Assert.Equal(["new", "old"], (await Store.Nodes.ListAsync(Ct)).Select(n => n.Id));
    }

    [Fact]
    public async Task MarkStopped_RecordsACleanStop()
    {
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("a", "h", "1.0", At.T0, 3, At.T0), Ct);

        await Store.Nodes.MarkStoppedAsync("a", At.Minute(1), Ct);

        var node = Assert.Single(await Store.Nodes.ListAsync(Ct));
        Assert.Equal((At.Minute(1), 0), (node.StoppedAt, node.InFlight));
    }

    [Fact]
    public async Task Prune_ForgetsOnlyNodesNotSeenSince()
    {
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("gone", "h", "1.0", At.T0, 0, At.T0), Ct);
        await Store.Nodes.HeartbeatAsync(new NodeHeartbeat("alive", "h", "1.0", At.T0, 0, At.Minute(10)), Ct);

        Assert.Equal(1, await Store.Nodes.PruneAsync(At.Minute(5), Ct));

        Assert.Equal(["alive"], (await Store.Nodes.ListAsync(Ct)).Select(n => n.Id));
    }
}
