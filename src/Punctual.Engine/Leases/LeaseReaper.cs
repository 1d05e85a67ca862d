using Microsoft.Extensions.Logging;
using Punctual.Engine.Hosting;
using Punctual.Engine.Nodes;
using Punctual.Engine.Signals;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Leases;

/// <summary>
/// Rescues runs whose node died: by lease expiry, never by age (an attempt that is merely slow keeps its lease).
/// On a single-node store, the first round also rescues every run leased by an earlier process at once, since the
/// store's exclusive lock proves that process is gone.
/// </summary>
public sealed class LeaseReaper(
    IPunctualStore store,
    LeaseExpiryDecider decider,
    EngineSignals signals,
    EngineOptions options,
    Telemetry.EngineMetrics metrics,
    NodeIdentity node,
    TimeProvider time,
    ILogger<LeaseReaper> logger) : IEngineLoop
{
    private const int BatchSize = 500;
    private bool _recoveredAtStart;

    public string Name => "lease-reaper";

    public WakeSignal? Wake => null;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var foreignTo = !_recoveredAtStart && store.Capabilities.SingleNode ? node.Id : null;
        var total = 0;
        int settled;
        do
        {
            settled = await store.Runs.ExpireLeasesAsync(
                new LeaseExpiryRequest(time.GetUtcNow(), BatchSize, foreignTo), decider, cancellationToken).ConfigureAwait(false);
            total += settled;
            metrics.LeasesTakenOver(settled);
        }
        while (settled == BatchSize && !cancellationToken.IsCancellationRequested);

        _recoveredAtStart = true;
        if (total > 0)
        {
            logger.LogWarning("Rescued {Count} runs whose node stopped renewing their leases; they are retried per their policies", total);
            signals.RunsAvailable();
        }

        return time.GetUtcNow() + options.LeaseReapInterval;
    }
}
