using Punctual.Engine.Hosting;
using Punctual.Server.Json;
using Punctual.Storage;
using Punctual.Storage.Nodes;

namespace Punctual.Server.Features.Nodes;

/// <summary>/api/v1/nodes: the processes serving this store, with liveness from their heartbeats.</summary>
public static class NodeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/nodes", ListAsync).WithTags("Nodes").WithSummary("List nodes: alive, stopped, or lost (no heartbeat for three intervals)");
    }

    private static async Task<IResult> ListAsync(IPunctualStore store, EngineOptions options, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var nodes = await store.Nodes.ListAsync(ct);
        return Results.Json(new { items = nodes.Select(n => NodeView.From(n, now, options.HeartbeatInterval * 3)).ToList() }, ApiJson.Options);
    }
}

public sealed record NodeView(
    string Id,
    string Host,
    string Version,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt,
    int InFlight,
    DateTimeOffset? StoppedAt)
{
    public static NodeView From(NodeRecord node, DateTimeOffset now, TimeSpan lostAfter) => new(
        node.Id,
        node.Host,
        node.Version,
        node.StoppedAt is not null ? "stopped" : now - node.LastHeartbeatAt > lostAfter ? "lost" : "alive",
        node.StartedAt,
        node.LastHeartbeatAt,
        node.InFlight,
        node.StoppedAt);
}
