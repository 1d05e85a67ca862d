using Microsoft.Extensions.Logging;
using Punctual.Engine.Dispatching;
using Punctual.Engine.Hosting;
using Punctual.Engine.Nodes;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Leases;

/// <summary>
/// Renews the leases of this node's in-flight attempts, and of its ended attempts whose completions are not written
/// yet (a slow write must not let another node repeat them). A lease that cannot be renewed means the run was
/// cancelled or taken over by another node; its attempt is stopped, since its completion would be fenced off anyway.
/// </summary>
public sealed class LeaseKeeper(
    IPunctualStore store,
    InFlightRegistry inFlight,
    CompletionWriter completions,
    EngineOptions options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<LeaseKeeper> logger) : IEngineLoop
{
    public string Name => "lease-keeper";

    public Signals.WakeSignal? Wake => null;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var running = inFlight.Snapshot().Concat(completions.SettlingAttempts()).Distinct().ToList();
        if (running.Count > 0)
        {
            var now = time.GetUtcNow();
            var result = await store.Runs.RenewLeasesAsync(
                new LeaseRenewRequest(node.Id, running, now + options.LeaseDuration), cancellationToken).ConfigureAwait(false);
            foreach (var runId in result.Lost)
            {
                if (inFlight.Abort(runId, "the run was cancelled or its lease was taken over"))
                {
                    logger.LogInformation("Stopped the attempt of run {RunId}: its lease is gone", runId);
                }
            }
        }

        return time.GetUtcNow() + options.LeaseRenewInterval;
    }
}
