using Microsoft.Extensions.Logging;
using Punctual.Engine.Hosting;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Maintenance;

/// <summary>Deletes finished runs (and their attempts) older than the history retention, in bounded batches.</summary>
public sealed class Pruner(IPunctualStore store, EngineOptions options, TimeProvider time, ILogger<Pruner> logger) : IEngineLoop
{
    public string Name => "pruner";

    public Signals.WakeSignal? Wake => null;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.HistoryRetention;
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.Runs.PruneAsync(new PruneRequest(before, options.PruneBatchSize), cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == options.PruneBatchSize && !cancellationToken.IsCancellationRequested);

        if (total > 0)
        {
            logger.LogInformation("Pruned {Count} finished runs older than {Retention}", total, options.HistoryRetention);
        }

        await store.Nodes.PruneAsync(time.GetUtcNow() - options.NodeRetention, cancellationToken).ConfigureAwait(false);

        return time.GetUtcNow() + options.PruneInterval;
    }
}
