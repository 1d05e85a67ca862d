using Punctual.Engine.Hosting;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Telemetry;

/// <summary>
/// Counts the backlog (runs due and not claimed, across the cluster) every
/// <see cref="EngineOptions.BacklogSampleInterval"/> for the <c>punctual.runs.due</c> gauge: one bounded index read
/// per interval, not one per scrape, so scrapers cannot load the store.
/// </summary>
public sealed class BacklogSampler(IPunctualStore store, EngineMetrics metrics, EngineOptions options, TimeProvider time) : IEngineLoop
{
    public string Name => "backlog-sampler";

    public Signals.WakeSignal? Wake => null;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await store.Runs.CountDueAsync(new CountDueRequest(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        metrics.BacklogSampled(due);
        return time.GetUtcNow() + options.BacklogSampleInterval;
    }
}
