using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Punctual.Engine.Hosting;
using Punctual.Engine.Signals;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Dispatching;

/// <summary>
/// Buffers attempt completions and writes them in batches (one transaction per batch), so a burst of finished
/// attempts costs a few commits instead of one each. A batch that fails to write is kept and retried; its runs
/// stay leased meanwhile, and if this node dies the leases expire and the runs are retried elsewhere.
/// Until its completion is written, a run is <see cref="Settling"/>: still running in the store, with nothing in flight.
/// </summary>
public sealed class CompletionWriter(
    IPunctualStore store,
    EngineSignals signals,
    EngineOptions options,
    ILogger<CompletionWriter> logger)
{
    private readonly Channel<AttemptCompletion> _queue = Channel.CreateUnbounded<AttemptCompletion>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly List<AttemptCompletion> _retry = [];
    private readonly ConcurrentDictionary<long, int> _settling = new();

    /// <summary>The runs whose completions are queued or being written (their attempts have ended).</summary>
    public IReadOnlyCollection<long> Settling => _settling.IsEmpty ? [] : _settling.Keys.ToArray();

    /// <summary>
    /// The same, with their attempt numbers: their leases are renewed like those of attempts in flight, so a slow
    /// completion write never lets another node repeat an attempt that has already ended.
    /// </summary>
    public IReadOnlyList<(long RunId, int Attempt)> SettlingAttempts() => _settling.Select(s => (s.Key, s.Value)).ToList();

    public void Enqueue(AttemptCompletion completion)
    {
        _settling[completion.RunId] = completion.Attempt;
        if (!_queue.Writer.TryWrite(completion))
        {
            _settling.TryRemove(completion.RunId, out _);
            throw new InvalidOperationException("The completion writer is closed.");
        }
    }

    /// <summary>Waits until a completion is queued (false when the writer is closed and empty).</summary>
    public ValueTask<bool> WaitForWorkAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Writes everything queued now, in batches; returns how many completions were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var written = 0;
            while (true)
            {
                var batch = new List<AttemptCompletion>(_retry);
                _retry.Clear();
                while (batch.Count < options.CompletionBatchSize && _queue.Reader.TryRead(out var completion))
                {
                    batch.Add(completion);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                try
                {
                    var result = await store.Runs.CompleteAttemptsAsync(batch, cancellationToken).ConfigureAwait(false);
                    written += batch.Count;
                    foreach (var completion in batch)
                    {
                        _settling.TryRemove(completion.RunId, out _);
                    }

                    LogFenced(batch, result);
                }
                catch
                {
                    _retry.AddRange(batch);
                    throw;
                }
            }

            if (written > 0)
            {
                // Finished runs may unblock exclusive runs, and failed ones have new due times.
                signals.Dispatcher.Set();
            }

            return written;
        }
        finally
        {
            _writing.Release();
        }
    }

    private void LogFenced(List<AttemptCompletion> batch, CompletionResult result)
    {
        for (var i = 0; i < batch.Count && i < result.Applied.Count; i++)
        {
            if (!result.Applied[i])
            {
                logger.LogInformation(
                    "Completion of run {RunId} attempt {Attempt} was fenced off: the run was cancelled or its lease moved on",
                    batch[i].RunId, batch[i].Attempt);
            }
        }
    }
}
