using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Core.Outage;
using Punctual.Core.Overlap;
using Punctual.Core.Time;
using Punctual.Engine.Hosting;
using Punctual.Engine.Specs;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Jobs;

namespace Punctual.Server.Features.Outage;

/// <summary>
/// GET /api/v1/outage-forecast?from&amp;to: what an outage of every node over that window would create on restart — per
/// job (fires, runs its catch-up policy creates, skipped) and per gate (runs queued, time to release them) — from the
/// stored jobs and gates. Reads only; the window may be past or future (a planned maintenance). For a window that began
/// in the past, the runs each job had active at <c>from</c> (read back from the run history) are left waiting by the
/// outage: they count against overlap on restart and queue at the gates with the new runs. For a window in the future
/// nothing can be known of them, and none are assumed.
/// </summary>
public static class OutageForecastEndpoints
{
    /// <summary>The longest window a forecast covers: a year.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    private static readonly TimeSpan MaxAttemptDuration = TimeSpan.FromHours(1);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/outage-forecast", ForecastAsync).WithTags("Gates")
            .WithSummary("What an outage between two instants would create on restart, per job and per gate, and how long each gate needs to drain it");

    private static async Task<IResult> ForecastAsync(
        string? from, string? to, string? attempt_duration, string? limit,
        IPunctualStore store, SpecCache specs, EngineOptions options, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var start = RequiredInstant.Read("from", from, errors);
        var end = RequiredInstant.Read("to", to, errors);
        var attempt = TimeSpan.FromSeconds(1);
        if (attempt_duration is not null)
        {
            if (!Durations.TryParse(attempt_duration, out attempt, out var durationError))
            {
                errors.Add(new FieldError("attempt_duration", durationError));
            }
            else if (attempt > MaxAttemptDuration)
            {
                errors.Add(new FieldError("attempt_duration", $"must be at most {Durations.Format(MaxAttemptDuration)}"));
            }
        }

        if (start is { } s && end is { } e && errors.Count == 0)
        {
            if (s >= e)
            {
                errors.Add(new FieldError("to", $"must be after 'from' ({Instants.Format(s)})"));
            }
            else if (e - s > MaxWindow)
            {
                errors.Add(new FieldError("to", $"the window is longer than {MaxWindow.TotalDays:0} days"));
            }
        }

        if (!QueryValues.TryLimit(limit, 20, 1000, out var take, out var limitProblem))
        {
            return limitProblem!;
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var active = start!.Value <= now
            ? await store.Runs.CountActiveAtAsync(start.Value, ct)
            : new Dictionary<long, ActiveRuns>();
        var jobs = await ReadJobsAsync(store, specs, active, ct);
        var gates = (await store.Gates.ListAsync(now, ct)).ToDictionary(g => g.Name, g => g.Limits, StringComparer.Ordinal);
        var hostDefaults = options.HostGateLimits;
        var forecast = OutageForecast.Forecast(jobs, name => gates.GetValueOrDefault(name) ?? hostDefaults, start!.Value, end!.Value, attempt);
        return Results.Json(
            new
            {
                from = Instants.Format(start.Value),
                to = Instants.Format(end.Value),
                attempt_duration = Durations.Format(attempt),
                fires = forecast.Fires,
                runs = forecast.Runs,
                waiting_at_start = forecast.Waiting,
                jobs_affected = forecast.Jobs.Count,
                jobs = forecast.Jobs.Take(take).Select(j => new { job = j.Job, gate = j.Gate, fires = j.Fires, runs = j.Runs, skipped = j.Skipped, waiting_at_start = j.Waiting }),
                gates = forecast.Gates.Select(g => new
                {
                    gate = g.Gate,
                    rate = GateRates.Format(g.Limits.RatePerSecond),
                    burst = g.Limits.Burst,
                    concurrency = g.Limits.Concurrency,
                    adaptive = g.Limits.Adaptive,
                    runs = g.Runs,
                    drain = Durations.Format(TimeSpan.FromSeconds(Math.Ceiling(g.Drain.TotalSeconds))),
                    drain_seconds = Math.Round(g.Drain.TotalSeconds, 3),
                }),
            },
            ApiJson.Options);
    }

    /// <summary>Every unpaused, scheduled job, page by page, with its runs active at the outage's start.</summary>
    private static async Task<List<OutageJob>> ReadJobsAsync(
        IPunctualStore store, SpecCache specs, IReadOnlyDictionary<long, ActiveRuns> active, CancellationToken ct)
    {
        var jobs = new List<OutageJob>();
        string? after = null;
        while (true)
        {
            var page = await store.Jobs.ListAsync(new JobListRequest(after, 1000), ct);
            foreach (var item in page)
            {
                var job = item.Job;
                if (!job.Paused && specs.Schedule(job.SpecJson, job.CreatedAt) is { } schedule)
                {
                    jobs.Add(new OutageJob(specs.Job(job.SpecJson), schedule, job.RunsCounted, active.GetValueOrDefault(job.Id)));
                }
            }

            if (page.Count < 1000)
            {
                return jobs;
            }

            after = page[^1].Job.Name;
        }
    }
}
