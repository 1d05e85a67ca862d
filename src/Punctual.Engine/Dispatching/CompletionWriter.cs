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

    public void Enqueue(AttemptCompletion completion)
    {
        if (!_queue.Writer.TryWrite(completion))
        {
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
