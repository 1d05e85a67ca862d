using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Punctual.Engine.Dispatching;
using Punctual.Engine.Nodes;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Hosting;

/// <summary>
/// Graceful shutdown (SIGTERM): stop claiming, let attempts in flight finish within
/// <see cref="EngineOptions.ShutdownGrace"/>, then release the rest back to the cluster (pending, due now, their
/// interrupted attempt not counted against retries) and stop them. Finally mark the node stopped.
/// </summary>
public sealed class ShutdownDrainService(
    IPunctualStore store,
    Dispatcher dispatcher,
    InFlightRegistry inFlight,
    EngineOptions options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<ShutdownDrainService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        dispatcher.StopClaiming();
        if (inFlight.Count > 0)
        {
            logger.LogInformation("Shutting down: waiting up to {Grace} for {Count} attempts in flight", options.ShutdownGrace, inFlight.Count);
            try
            {
                await inFlight.WhenIdleAsync().WaitAsync(options.ShutdownGrace, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                await ReleaseRemainingAsync().ConfigureAwait(false);
            }
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await store.Nodes.MarkStoppedAsync(node.Id, time.GetUtcNow(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not record this node's stop; its roster entry will age out");
        }
    }

    private async Task ReleaseRemainingAsync()
    {
        var remaining = inFlight.Snapshot();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            var released = await store.Runs.ReleaseAsync(new ReleaseRequest(node.Id, remaining, time.GetUtcNow()), timeout.Token).ConfigureAwait(false);
            logger.LogWarning("Shutdown grace over: released {Released} of {Count} runs in flight to other nodes", released, remaining.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Could not release {Count} runs in flight; they are retried when their leases expire", remaining.Count);
        }

        inFlight.AbortAll("the node is shutting down; the run was released");
        await dispatcher.WhenAttemptsFinishedAsync().ConfigureAwait(false);
    }
}
