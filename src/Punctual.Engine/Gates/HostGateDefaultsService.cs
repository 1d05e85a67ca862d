using Microsoft.Extensions.Hosting;
using Punctual.Engine.Hosting;
using Punctual.Storage;

namespace Punctual.Engine.Gates;

/// <summary>
/// Writes this node's host-gate limits (EngineOptions.HostGate*) to the store at start, before the loops claim: host
/// gates are shared by the whole cluster, so the limits live in the store, not in each node's memory.
/// </summary>
public sealed class HostGateDefaultsService(IPunctualStore store, EngineOptions options, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store.Gates.SetHostDefaultsAsync(options.HostGateLimits, time.GetUtcNow(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
