using System.Reflection;
using Punctual.Engine.Dispatching;
using Punctual.Engine.Hosting;
using Punctual.Storage;
using Punctual.Storage.Nodes;

namespace Punctual.Engine.Nodes;

/// <summary>
/// Keeps this node on the cluster's roster (GET /api/v1/nodes): registers at the first round, then refreshes its
/// heartbeat and in-flight count. Liveness for correctness comes from leases, not from this roster.
/// </summary>
public sealed class NodeHeartbeatLoop(
    IPunctualStore store,
    InFlightRegistry inFlight,
    EngineOptions options,
    NodeIdentity node,
    TimeProvider time) : IEngineLoop
{
    public static readonly string Version =
        typeof(NodeHeartbeatLoop).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private DateTimeOffset? _startedAt;

    public string Name => "node-heartbeat";

    public Signals.WakeSignal? Wake => null;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _startedAt ??= now;
        await store.Nodes.HeartbeatAsync(
            new NodeHeartbeat(node.Id, Environment.MachineName, Version, _startedAt.Value, inFlight.Count, now),
            cancellationToken).ConfigureAwait(false);
        return time.GetUtcNow() + options.HeartbeatInterval;
    }
}
