using Microsoft.Extensions.Logging;
using Punctual.Engine.Hosting;
using Punctual.Engine.Signals;
using Punctual.Storage;
using Punctual.Storage.Jobs;

namespace Punctual.Engine.Scheduling;

/// <summary>
/// Materializes due fires into runs. Work is proportional to what is due: it asks the store only for jobs whose
/// next due time has come, then sleeps until the earliest next due time (or a wake-up when jobs change).
/// </summary>
public sealed class Planner(
    IPunctualStore store,
    FirePlanning planning,
    EngineSignals signals,
    EngineOptions options,
    Telemetry.EngineMetrics metrics,
    TimeProvider time,
    ILogger<Planner> logger) : IEngineLoop
{
    public string Name => "planner";

    public WakeSignal Wake => signals.Planner;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PlanAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            signals.Planned();
        }
    }

    private async Task<DateTimeOffset> PlanAsync(CancellationToken cancellationToken)
    {
        // Idle cost is one cheap indexed read per wake-up; planning only starts when something is due.
        var nextDue = await store.Jobs.NextDueAtAsync(cancellationToken).ConfigureAwait(false);
        var plannedUpTo = DateTimeOffset.MinValue;
        if (nextDue is { } due && due <= time.GetUtcNow())
        {
            plannedUpTo = await PlanDueJobsAsync(cancellationToken).ConfigureAwait(false);
            nextDue = await store.Jobs.NextDueAtAsync(cancellationToken).ConfigureAwait(false);
        }

        // A job still due at the planning instant was refused by the planner (logged); waiting for it would spin.
        var poll = time.GetUtcNow() + options.PollInterval;
        return nextDue is { } next && next > plannedUpTo && next < poll ? next : poll;
    }

    /// <summary>Plans until no batch comes back full; returns the instant the last batch planned up to.</summary>
    private async Task<DateTimeOffset> PlanDueJobsAsync(CancellationToken cancellationToken)
    {
        PlanDueJobsResult result;
        var created = 0;
        DateTimeOffset now;
        do
        {
            now = time.GetUtcNow();
            result = await store.Jobs.PlanDueAsync(new PlanDueJobsRequest(now, options.PlanBatchSize), planning, cancellationToken).ConfigureAwait(false);
            created += result.RunsCreated;
            metrics.RunsSettled("skipped", result.RunsSkipped);
            if (result.JobsPlanned > 0)
            {
                logger.LogDebug("Planned {Jobs} jobs: {Created} runs created, {Skipped} skipped", result.JobsPlanned, result.RunsCreated, result.RunsSkipped);
            }
        }
        while (result.MoreDue && !cancellationToken.IsCancellationRequested);

        if (created > 0)
        {
            signals.RunsAvailable();
        }

        return now;
    }
}
