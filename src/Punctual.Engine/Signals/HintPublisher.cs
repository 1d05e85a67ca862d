using Microsoft.Extensions.Logging;
using Punctual.Storage;

namespace Punctual.Engine.Signals;

/// <summary>
/// Sends wake-up hints to the other nodes through the store (LISTEN/NOTIFY), debounced: however many times a topic
/// is requested within <see cref="Debounce"/>, one hint goes out. A hint that fails to send is only logged — every
/// loop also polls, so a lost hint costs latency, never correctness. Does nothing on stores without notifications.
/// </summary>
public sealed class HintPublisher(IPunctualStore store, TimeProvider time, ILogger<HintPublisher> logger)
{
    /// <summary>How long requests for one topic are gathered into one hint.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(10);

    private readonly HashSet<string> _pending = [];

    public void Request(string topic)
    {
        if (store.Notifications is null)
        {
            return;
        }

        lock (_pending)
        {
            if (!_pending.Add(topic))
            {
                return;
            }
        }

        _ = SendAsync(topic);
    }

    private async Task SendAsync(string topic)
    {
        try
        {
            await Task.Delay(Debounce, time).ConfigureAwait(false);
            lock (_pending)
            {
                _pending.Remove(topic);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await store.Notifications!.PublishAsync(topic, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lock (_pending)
            {
                _pending.Remove(topic);
            }

            logger.LogWarning(e, "Could not send the '{Topic}' hint to other nodes; they will notice at their next poll", topic);
        }
    }
}
