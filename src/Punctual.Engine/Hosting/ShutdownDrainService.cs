using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Punctual.Engine.Dispatching;

namespace Punctual.Engine.Hosting;

/// <summary>
/// Graceful shutdown: stop claiming, let attempts in flight finish within the host's shutdown timeout, then stop
/// the rest (their completions record the interruption and they are retried per policy).
/// </summary>
public sealed class ShutdownDrainService(
    Dispatcher dispatcher,
    InFlightRegistry inFlight,
    ILogger<ShutdownDrainService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        dispatcher.StopClaiming();
        if (inFlight.Count == 0)
        {
            return;
        }

        logger.LogInformation("Shutting down: waiting for {Count} attempts in flight", inFlight.Count);
        try
        {
            await inFlight.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown deadline reached: stopping {Count} attempts in flight", inFlight.Count);
            inFlight.AbortAll("the node is shutting down");
            await dispatcher.WhenAttemptsFinishedAsync().ConfigureAwait(false);
        }
    }
}
