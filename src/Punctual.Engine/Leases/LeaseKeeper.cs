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
        var attempting = inFlight.Snapshot().ToDictionary(r => r.RunId, r => r.Attempt);
        var running = attempting.Select(r => (r.Key, r.Value))
            .Concat(completions.SettlingAttempts().Where(s => !attempting.ContainsKey(s.RunId)))
            .ToList();
        if (running.Count > 0)
        {
            var now = time.GetUtcNow();
            var result = await store.Runs.RenewLeasesAsync(
                new LeaseRenewRequest(node.Id, running, now + options.LeaseDuration), cancellationToken).ConfigureAwait(false);
            foreach (var runId in result.Lost)
            {
                // Only the attempt whose lease was asked for: a settling run may have been claimed again since, and
                // its new attempt holds a lease of its own.
                if (attempting.TryGetValue(runId, out var attempt) && inFlight.Abort(runId, "the run was cancelled or its lease was taken over", attempt))
                {
                    logger.LogInformation("Stopped the attempt of run {RunId}: its lease is gone", runId);
                }
            }
        }

        return time.GetUtcNow() + options.LeaseRenewInterval;
    }
}
