using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Punctual.Storage;
using Punctual.Storage.Notifications;

namespace Punctual.Engine.Signals;

/// <summary>Turns hints from other nodes into local wake-ups (only on stores with notifications).</summary>
public sealed class HintListenerService(IPunctualStore store, EngineSignals signals, ILogger<HintListenerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Notifications is not { } notifications)
        {
            return;
        }

        try
        {
            await notifications.ListenAsync([Topics.Jobs, Topics.Runs], OnHint, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Listening for hints from other nodes stopped; this node now relies on polling");
        }
    }

    private void OnHint(string topic)
    {
        switch (topic)
        {
            case Topics.Jobs:
                signals.Planner.Set();
                break;
            case Topics.Runs:
                signals.Dispatcher.Set();
                break;
        }
    }
}
