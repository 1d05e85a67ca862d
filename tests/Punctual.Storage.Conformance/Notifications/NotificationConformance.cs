using System.Collections.Concurrent;
using System.Threading.Channels;
using Punctual.Storage.Conformance.MultiNode;
using Punctual.Storage.Notifications;

namespace Punctual.Storage.Conformance.Notifications;

/// <summary>
/// Wake-up hints between nodes (stores with <see cref="StoreCapabilities.SupportsListenNotify"/>). Hints are
/// asynchronous and a listener cannot tell when it is subscribed, so tests publish again every moment until the hint
/// arrives (bounded): they check that hints arrive, not how fast.
/// </summary>
public abstract class NotificationConformance : MultiNodeConformance
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(100);

    /// <summary>Cuts the connections of every listener on this test's database, as a network failure or a restart of the database would; returns how many.</summary>
    protected abstract Task<int> InterruptListenersAsync();

    [Fact]
    public void Capabilities_AnnounceListenNotify_AndTheStoreHasNotifications()
    {
        Assert.True(Store.Capabilities.SupportsListenNotify);
        Assert.NotNull(Store.Notifications);
    }

    [Fact]
    public async Task Publish_ReachesAListenerOnAnotherNode()
    {
        var nodes = await NodesAsync(2);
        await using var listener = Listener.Start(nodes[1], [Topics.Runs]);

        Assert.True(await listener.ReceivesAsync(Topics.Runs, () => nodes[0].Notifications!.PublishAsync(Topics.Runs, Ct)));
    }

    [Fact]
    public async Task Publish_ReachesAListenerOnThePublishingNodeToo()
    {
        await using var listener = Listener.Start(Store, [Topics.Jobs]);

        Assert.True(await listener.ReceivesAsync(Topics.Jobs, () => Store.Notifications!.PublishAsync(Topics.Jobs, Ct)));
    }

    [Fact]
    public async Task Listen_HearsOnlyItsOwnTopics()
    {
        var nodes = await NodesAsync(2);
        await using var listener = Listener.Start(nodes[1], [Topics.Jobs]);

        Assert.True(await listener.ReceivesAsync(Topics.Jobs, async () =>
        {
            await nodes[0].Notifications!.PublishAsync(Topics.Runs, Ct);
            await nodes[0].Notifications!.PublishAsync(Topics.Jobs, Ct);
        }));

        Assert.DoesNotContain(Topics.Runs, listener.Heard);
    }

    [Fact]
    public async Task Listen_AfterItsConnectionIsCut_ReconnectsAndHearsAgain()
    {
        var nodes = await NodesAsync(2);
        await using var listener = Listener.Start(nodes[1], [Topics.Runs]);
        Assert.True(await listener.ReceivesAsync(Topics.Runs, () => nodes[0].Notifications!.PublishAsync(Topics.Runs, Ct)));

        Assert.True(await InterruptListenersAsync() > 0);
        await listener.ForgetWhatArrivedAsync();

        // Twice: a driver may hint every topic once on reconnecting (hints sent while it was away are lost), so only
        // a second hint proves that new ones are heard again.
        Assert.True(await listener.ReceivesAsync(Topics.Runs, () => nodes[0].Notifications!.PublishAsync(Topics.Runs, Ct)));
        Assert.True(await listener.ReceivesAsync(Topics.Runs, () => nodes[0].Notifications!.PublishAsync(Topics.Runs, Ct)));
        Assert.False(listener.Listening.IsCompleted);
    }

    [Fact]
    public async Task Listen_ReturnsWhenCancelled()
    {
        var listener = Listener.Start(Store, [Topics.Runs]);
        Assert.True(await listener.ReceivesAsync(Topics.Runs, () => Store.Notifications!.PublishAsync(Topics.Runs, Ct)));

        await listener.DisposeAsync();

        Assert.True(listener.Listening.IsCompletedSuccessfully || listener.Listening.IsCanceled);
    }

    /// <summary>A running ListenAsync and what it heard; disposing it cancels the listen and waits for it to return.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<string> _arrivals = Channel.CreateUnbounded<string>();

        private Listener(IPunctualStore store, IReadOnlyCollection<string> topics)
        {
            Listening = Task.Run(() => store.Notifications!.ListenAsync(topics, topic =>
            {
                Heard.Enqueue(topic);
                _arrivals.Writer.TryWrite(topic);
            }, _stop.Token));
        }

        public Task Listening { get; }

        public ConcurrentQueue<string> Heard { get; } = new();

        public static Listener Start(IPunctualStore store, IReadOnlyCollection<string> topics) => new(store, topics);

        /// <summary>Calls <paramref name="publish"/> every moment until <paramref name="topic"/> arrives; false if it never does.</summary>
        public async Task<bool> ReceivesAsync(string topic, Func<Task> publish)
        {
            var started = TimeProvider.System.GetTimestamp();
            while (TimeProvider.System.GetElapsedTime(started) < Patience && !Listening.IsCompleted)
            {
                await publish();
                using var moment = new CancellationTokenSource(Moment, TimeProvider.System);
                try
                {
                    while (true)
                    {
                        if (await _arrivals.Reader.ReadAsync(moment.Token) == topic)
                        {
                            return true;
                        }
                    }
                }
                catch (OperationCanceledException) when (moment.IsCancellationRequested)
                {
                    // Nothing yet: publish again.
                }
            }

            if (Listening.IsFaulted)
            {
                await Listening;
            }

            return false;
        }

        /// <summary>Drops what arrives until nothing has for a moment, so nothing already on its way is taken for a new hint.</summary>
        public async Task ForgetWhatArrivedAsync()
        {
            while (true)
            {
                using var moment = new CancellationTokenSource(Moment * 2, TimeProvider.System);
                try
                {
                    await _arrivals.Reader.ReadAsync(moment.Token);
                }
                catch (OperationCanceledException) when (moment.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Listening.WaitAsync(Patience, TimeProvider.System);
            }
            catch (OperationCanceledException)
            {
                // Returning by cancellation is fine too.
            }

            _stop.Dispose();
        }
    }
}
