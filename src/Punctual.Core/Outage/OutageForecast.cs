using Punctual.Core.Gates;
using Punctual.Core.Jobs;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;

namespace Punctual.Core.Outage;

/// <summary>
/// A stored job as the forecast sees it: its definition, bound schedule, run count (for max_runs), and the runs it had
/// active when the outage began — nothing runs during an outage, so the planner finds them still active on restart.
/// </summary>
public sealed record OutageJob(JobDefinition Definition, Schedule Schedule, int RunsCounted, ActiveRuns ActiveAtStart = default);

/// <summary>
/// What one job would do on restart: its fires in the outage, the runs its catch-up and overlap policies create, the
/// rest skipped; and its runs left active from before the outage (<see cref="Waiting"/>), which are released too.
/// </summary>
/// <remarks><see cref="Gate"/> is null for a command job without a named gate: it goes through none.</remarks>
public sealed record JobOutageForecast(string Job, string? Gate, long Fires, int Runs, long Skipped, int Waiting);

/// <summary>What one gate would face on restart: the runs queued through it and how long it takes to release them.</summary>
public sealed record GateOutageForecast(string Gate, GateLimits Limits, long Runs, TimeSpan Drain);

public sealed record OutageForecastResult(IReadOnlyList<JobOutageForecast> Jobs, IReadOnlyList<GateOutageForecast> Gates)
{
    public long Runs => Jobs.Sum(j => (long)j.Runs);

    public long Fires => Jobs.Sum(j => j.Fires);

    public long Waiting => Jobs.Sum(j => (long)j.Waiting);
}

/// <summary>
/// "What if every node were down from <c>from</c> to <c>to</c>?": plans each unpaused job exactly as the planner would on
/// a restart at <c>to</c> (same catch-up, overlap, lifetime and misfire rules — it runs <see cref="FirePlanner"/>, with
/// each job's runs left active at <c>from</c>), then simulates each gate releasing those runs and the new ones
/// (<see cref="GateDrain"/>). Pure: the caller supplies the stored jobs, their active runs and the gates' limits.
/// </summary>
public static class OutageForecast
{
    private static readonly PlannerOptions Unbounded = PlannerOptions.Default with { MaxRunsPerPass = int.MaxValue, MaxFiresPerPass = 10_000_000 };

    public static OutageForecastResult Forecast(
        IEnumerable<OutageJob> jobs,
        Func<string, GateLimits> gateLimits,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan attemptDuration)
    {
        var forecasts = new List<JobOutageForecast>();
        foreach (var job in jobs)
        {
            if (Plan(job, from, to) is { } forecast)
            {
                forecasts.Add(forecast);
            }
        }

        var gates = forecasts
            .Where(j => j.Runs + j.Waiting > 0 && j.Gate is not null)
            .GroupBy(j => j.Gate!, StringComparer.Ordinal)
            .Select(g =>
            {
                var limits = gateLimits(g.Key);
                var runs = g.Sum(j => (long)j.Runs + j.Waiting);
                return new GateOutageForecast(g.Key, limits, runs, GateDrain.Estimate(limits, runs, attemptDuration));
            })
            .OrderByDescending(g => g.Drain)
            .ThenBy(g => g.Gate, StringComparer.Ordinal)
            .ToList();
        var ordered = forecasts
            .OrderByDescending(j => j.Runs)
            .ThenByDescending(j => j.Fires)
            .ThenBy(j => j.Job, StringComparer.Ordinal)
            .ToList();
        return new OutageForecastResult(ordered, gates);
    }

    private static JobOutageForecast? Plan(OutageJob job, DateTimeOffset from, DateTimeOffset to)
    {
        var definition = job.Definition;
        var first = FirePlanner.NextFire(definition, job.Schedule, from.AddTicks(-1), job.RunsCounted);
        if (first is not { } next || next.Due > to)
        {
            return null;
        }

        var plan = FirePlanner.Plan(new DueJob(0, definition, job.Schedule, next.Fire, job.RunsCounted, job.ActiveAtStart), to, Unbounded);
        var fires = plan.Runs.Sum(r => r.FireCount);
        var runs = plan.Runs.Count(r => r.State == RunState.Pending);
        // A replace-overlap plan cancels the runs left active; any other leaves them to be released with the new ones.
        var waiting = plan.CancelActiveRuns ? 0 : job.ActiveAtStart.Total;
        return new JobOutageForecast(definition.Name, definition.GateName, fires, runs, fires - runs, waiting);
    }
}
