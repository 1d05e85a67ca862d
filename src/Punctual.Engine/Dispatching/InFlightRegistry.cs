using System.Collections.Concurrent;

namespace Punctual.Engine.Dispatching;

/// <summary>
/// The attempts this node is running: which leases to renew, and how to stop one early (run cancelled, lease lost,
/// shutdown). Thread-safe.
/// </summary>
public sealed class InFlightRegistry
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly object _idleGate = new();
    private TaskCompletionSource _idle = Completed();

    public int Count => _entries.Count;

    public Entry Register(long runId, int attempt)
    {
        var entry = new Entry(this, runId, attempt);
        lock (_idleGate)
        {
            _entries[runId] = entry;
            if (_idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return entry;
    }

    public IReadOnlyList<(long RunId, int Attempt)> Snapshot() =>
        _entries.Values.Select(e => (e.RunId, e.Attempt)).ToList();

    /// <summary>
    /// Stops the attempt of <paramref name="runId"/> if this node runs it (and, given <paramref name="attempt"/>, only if
    /// it is that attempt, not a later one started meanwhile); false otherwise.
    /// </summary>
    public bool Abort(long runId, string reason, int? attempt = null)
    {
        if (!_entries.TryGetValue(runId, out var entry) || (attempt is { } number && entry.Attempt != number))
        {
            return false;
        }

        entry.Abort(reason);
        return true;
    }

    public void AbortAll(string reason)
    {
        foreach (var entry in _entries.Values)
        {
            entry.Abort(reason);
        }
    }

    /// <summary>Completes when no attempt is in flight (at once if none is).</summary>
    public Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            return _idle.Task;
        }
    }

    private void Remove(Entry entry)
    {
        lock (_idleGate)
        {
            _entries.TryRemove(new KeyValuePair<long, Entry>(entry.RunId, entry));
            if (_entries.IsEmpty)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    /// <summary>One in-flight attempt; dispose when it ends.</summary>
    public sealed class Entry : IDisposable
    {
        private readonly InFlightRegistry _registry;
        private readonly CancellationTokenSource _abort = new();

        internal Entry(InFlightRegistry registry, long runId, int attempt)
        {
            _registry = registry;
            RunId = runId;
            Attempt = attempt;
        }

        public long RunId { get; }

        public int Attempt { get; }

        public CancellationToken Token => _abort.Token;

        /// <summary>Why the attempt was stopped early, or null.</summary>
        public string? AbortReason { get; private set; }

        internal void Abort(string reason)
        {
            AbortReason ??= reason;
            _abort.Cancel();
        }

        public void Dispose()
        {
            _registry.Remove(this);
            _abort.Dispose();
        }
    }
}
