using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Npgsql;
using Punctual.Storage.Notifications;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Notifications;

/// <summary>
/// Wake-up hints over LISTEN/NOTIFY. Publishing is one <c>pg_notify</c> on a pooled connection. Each listener holds
/// a dedicated, unpooled connection that sits in <see cref="NpgsqlConnection.WaitAsync(CancellationToken)"/> — no
/// polling, no statements while idle; protocol keepalives notice a dead connection. When the connection is lost the
/// listener reconnects with back-off (there is no logger here: it just retries) and, since hints sent meanwhile were
/// lost, gives every topic one hint as soon as it listens again. Disposing the store stops every listener.
/// </summary>
internal sealed class PostgresNotifications(Database database, string listenerConnectionString, string schema, TimeProvider time)
    : IStoreNotifications, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _listeners = NpgsqlDataSource.Create(listenerConnectionString);
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<TaskCompletionSource, bool> _running = new();

    public Task PublishAsync(string topic, CancellationToken cancellationToken)
    {
        var channel = Channels.Of(schema, topic);
        return database.RunAsync(
            $"publishing the '{topic}' hint",
            session => session.ExecuteAsync("SELECT pg_notify(@channel, '');", cancellationToken, ("channel", channel)),
            cancellationToken);
    }

    public async Task ListenAsync(IReadOnlyCollection<string> topics, Action<string> received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        var channels = topics.Distinct().ToDictionary(topic => Channels.Of(schema, topic), topic => topic);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running.TryAdd(done, true);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            await ListenUntilStoppedAsync(channels, received, stop.Token);
        }
        finally
        {
            _running.TryRemove(done, out _);
            done.SetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();

        // Let listeners close their connections before the data source goes; a listener stops within moments.
        try
        {
            await Task.WhenAll(_running.Keys.Select(done => done.Task)).WaitAsync(TimeSpan.FromSeconds(5), time);
        }
        catch (TimeoutException)
        {
            // A listener stuck in a callback: close the connections from under it.
        }

        await _listeners.DisposeAsync();
        _disposed.Dispose();
    }

    private async Task ListenUntilStoppedAsync(Dictionary<string, string> channels, Action<string> received, CancellationToken stop)
    {
        var delay = FirstRetry;
        var reconnecting = false;
        while (true)
        {
            var listened = false;
            try
            {
                await ListenOnceAsync(channels, received, reconnecting, () => listened = true, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (CallbackFailedException e)
            {
                ExceptionDispatchInfo.Throw(e.InnerException!);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or SocketException or TimeoutException or InvalidOperationException)
            {
                // Lost or refused: try again below.
            }

            reconnecting = true;
            delay = listened ? FirstRetry : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
            try
            {
                await Task.Delay(delay, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Listens on one connection until it fails (throws) or <paramref name="stop"/> fires.</summary>
    private async Task ListenOnceAsync(
        Dictionary<string, string> channels,
        Action<string> received,
        bool reconnected,
        Action listening,
        CancellationToken stop)
    {
        await using var connection = await _listeners.OpenConnectionAsync(stop);
        var arrived = new List<string>();
        connection.Notification += (_, e) =>
        {
            if (channels.TryGetValue(e.Channel, out var topic))
            {
                arrived.Add(topic);
            }
        };

        await using (var listen = new NpgsqlCommand(string.Concat(channels.Keys.Select(channel => $"LISTEN \"{channel}\";")), connection))
        {
            await listen.ExecuteNonQueryAsync(stop);
        }

        listening();
        if (reconnected)
        {
            Deliver(received, channels.Values);
        }

        while (true)
        {
            await connection.WaitAsync(stop);

            // Delivered outside Npgsql's event, so a failing callback surfaces to the caller instead of passing for a
            // lost connection.
            var batch = arrived.ToArray();
            arrived.Clear();
            Deliver(received, batch);
        }
    }

    private static void Deliver(Action<string> received, IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            try
            {
                received(topic);
            }
            catch (Exception e)
            {
                throw new CallbackFailedException(e);
            }
        }
    }

    private sealed class CallbackFailedException(Exception inner) : Exception("The hint callback failed.", inner);
}
