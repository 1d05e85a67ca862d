using System.Globalization;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W4 outage (DESIGN.md §7): 1,000 jobs firing every minute through one gate, a third each with catch_up latest,
/// all and skip. After a minute of normal running the server is stopped (SIGTERM) for 10 minutes (2 with --quick)
/// and restarted on the same store. The stop comes a few seconds after a minute's 1,000 fires, while the gate (100/s)
/// is still releasing them, so the outage leaves runs waiting — the case a crash at a busy moment creates. Measured:
/// the runs the restart created for the outage's fires, per catch-up policy, against the outage forecast
/// (GET /api/v1/outage-forecast, the same planner rules, with the runs left waiting); and the sink's arrivals, which
/// must never exceed the gate — burst + rate·T in any window of T seconds — while the backlog drains.
/// </summary>
internal sealed class OutageWorkload : IWorkload
{
    private const int Jobs = 1_000;
    private const string Gate = "w4-api";
    private const double GateRate = 100;
    private const int GateBurst = 100;
    private const int GateConcurrency = 50;
    private static readonly string[] Policies = ["latest", "all", "skip"];
    private static readonly TimeSpan Normal = TimeSpan.FromSeconds(70);

    /// <summary>How long after a minute's fires the server is stopped: the gate needs about 9 s to release 1,000.</summary>
    private static readonly TimeSpan StopIntoTheMinute = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);

    /// <summary>What the forecast assumes an attempt takes: the sink answers at once, so a few milliseconds on loopback.</summary>
    private const string AttemptDuration = "10ms";

    /// <summary>Arrival times are the sink's clock: a request released a little after another may arrive just before it.</summary>
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(100);

    public string Id => "W4";

    public string Title => "outage: 10 minutes down under 1,000 jobs a minute, through a gate";

    public string? Unavailable(StoreBackend store) => null;

    public JsonObject Configuration(bool quick) => new()
    {
        ["jobs"] = Jobs,
        ["schedule"] = "* * * * *",
        ["catch_up"] = "a third each: latest, all, skip",
        ["gate"] = new JsonObject { ["rate"] = $"{GateRate}/s", ["burst"] = GateBurst, ["concurrency"] = GateConcurrency, ["adaptive"] = true },
        ["outage_s"] = Outage(quick).TotalSeconds,
    };

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var result = new WorkloadResult();
        var sink = context.Sink;
        await using var store = await context.Store.CreateAsync("w4", cancellationToken);
        var starts = 0;
        async Task<ServerHost> StartAsync()
        {
            var log = Path.Combine(context.Options.Work, $"w4-r{context.Round.ToString(CultureInfo.InvariantCulture)}-server-{(++starts).ToString(CultureInfo.InvariantCulture)}.log");
            return await ServerHost.StartAsync(context.Options.Punctual, store, context.Options.Engine, log, context.Options.PidFile, cancellationToken);
        }

        var prefix = $"w4-r{context.Round}-";
        var names = Enumerable.Range(0, Jobs).Select(i => $"{prefix}{Policies[i % 3]}-{ApiText.Number(i, 4)}").ToList();
        DateTimeOffset stoppedAt;
        await using (var first = await StartAsync())
        {
            await sink.ResetAsync(cancellationToken);
            var url = sink.HitUrl("w4");
            var gate = new JsonObject { [Gate] = new JsonObject { ["rate"] = $"{GateRate}/s", ["burst"] = GateBurst, ["concurrency"] = GateConcurrency, ["adaptive"] = true } };
            await first.Api.SendCheckedAsync(HttpMethod.Post, "api/v1/apply", PunctualApi.Json(new JsonObject { ["gates"] = gate }), cancellationToken);
            await Seeding.ApplyAsync(
                first.Api,
                names.Select((name, i) => (name, new JsonObject
                {
                    ["schedule"] = "* * * * *",
                    ["catch_up"] = Policies[i % 3],
                    ["gate"] = Gate,
                    ["target"] = new JsonObject { ["url"] = url },
                })),
                chunk: 500,
                cancellationToken);
            WorkloadContext.Log($"W4: {Jobs} jobs every minute through gate {Gate}; running normally for {Normal.TotalSeconds:0} s or more");
            await Task.Delay(Normal, clock, cancellationToken);
            await Waiting.UntilAsync(NextMinute(clock.GetUtcNow()) + StopIntoTheMinute, cancellationToken);
            WorkloadContext.Log($"W4: stopping the server (SIGTERM) at {ApiText.Instant(clock.GetUtcNow())}");
        }

        // The outage starts when the server has exited: what it finished while shutting down is not left waiting.
        stoppedAt = clock.GetUtcNow();

        var outage = Outage(context.Quick);
        WorkloadContext.Log($"W4: server stopped at {ApiText.Instant(stoppedAt)}; down for {outage.TotalSeconds:0} s");
        await Waiting.UntilAsync(stoppedAt + outage, cancellationToken);

        await using var second = await StartAsync();
        var restartedAt = clock.GetUtcNow();
        var forecast = await second.Api.GetJsonAsync(
            $"api/v1/outage-forecast?from={Uri.EscapeDataString(ApiText.Instant(stoppedAt))}&to={Uri.EscapeDataString(ApiText.Instant(restartedAt))}&limit=1000&attempt_duration={AttemptDuration}",
            cancellationToken);
        var expected = forecast!["jobs"]!.AsArray().OfType<JsonObject>().ToDictionary(j => j["job"]!.GetValue<string>(), j => j["runs"]!.GetValue<int>());
        var expectedRuns = expected.Values.Sum();
        WorkloadContext.Log($"W4: restarted at {ApiText.Instant(restartedAt)}; the forecast says {expectedRuns} runs for the outage's fires");

        // Drained: every forecast run of the outage window arrived (they are the oldest due, released first).
        var deadline = restartedAt + DrainTimeout;
        IReadOnlyList<SinkArrival> arrivals;
        while (true)
        {
            arrivals = await sink.ArrivalsAsync(prefix, cancellationToken);
            var outageRuns = arrivals.Count(a => InOutage(a, stoppedAt, restartedAt));
            if (outageRuns >= expectedRuns || clock.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
        }

        var drainedAt = clock.GetUtcNow();
        await Task.Delay(TimeSpan.FromSeconds(5), clock, cancellationToken);
        arrivals = await sink.ArrivalsAsync(prefix, cancellationToken);

        // Runs created for the outage's fires, per job and per policy, against the forecast.
        var actual = arrivals.Where(a => InOutage(a, stoppedAt, restartedAt))
            .GroupBy(a => a.Key[..a.Key.LastIndexOf('/')])
            .ToDictionary(g => g.Key, g => g.Select(a => a.Key).Distinct().Count());
        var mismatched = names.Count(n => actual.GetValueOrDefault(n) != expected.GetValueOrDefault(n));
        var perPolicy = new JsonObject();
        foreach (var policy in Policies)
        {
            var jobs = names.Where(n => n.Contains($"-{policy}-", StringComparison.Ordinal)).ToList();
            perPolicy[policy] = new JsonObject
            {
                ["jobs"] = jobs.Count,
                ["runs"] = jobs.Sum(n => actual.GetValueOrDefault(n)),
                ["forecast"] = jobs.Sum(n => expected.GetValueOrDefault(n)),
            };
        }

        // The gate, from the sink: arrivals in each second after the restart, and the worst window against
        // burst + rate·T (with some transport jitter allowed: arrival is not release). And exactly, from the server's
        // own record of when each attempt started (the gate's release instant).
        var after = arrivals.Where(a => a.At >= restartedAt).Select(a => a.At).Order().ToList();
        var (worstRatio, worstCount, worstWindow) = WorstWindow(after, Jitter);
        var perSecond = after.GroupBy(a => a.ToUnixTimeSeconds()).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        var attemptStarts = await AttemptStartsAsync(second.Api, prefix, restartedAt, cancellationToken);
        var (startRatio, startCount, startWindow) = WorstWindow(attemptStarts, TimeSpan.Zero);
        var duplicates = arrivals.Count - arrivals.Select(a => a.Key).Distinct().Count();
        var forecastDrain = forecast["gates"]!.AsArray().OfType<JsonObject>().FirstOrDefault(g => g["gate"]!.GetValue<string>() == Gate)?["drain_seconds"]?.GetValue<double>();

        result.Duplicates = duplicates;
        result.Missing = Math.Max(0, expectedRuns - actual.Values.Sum());
        result.Extra["stopped_at"] = ApiText.Instant(stoppedAt);
        result.Extra["restarted_at"] = ApiText.Instant(restartedAt);
        result.Extra["outage_fires"] = forecast["fires"]?.DeepClone();
        result.Extra["outage_runs_forecast"] = expectedRuns;
        result.Extra["outage_runs_created"] = actual.Values.Sum();
        result.Extra["waiting_at_start_forecast"] = forecast["waiting_at_start"]?.DeepClone();
        result.Extra["per_policy"] = perPolicy;
        result.Extra["jobs_not_as_forecast"] = mismatched;
        result.Extra["drain_s"] = Math.Round((drainedAt - restartedAt).TotalSeconds, 1);
        result.Extra["drain_forecast_s"] = forecastDrain;
        result.Extra["arrivals_after_restart"] = after.Count;
        result.Extra["max_arrivals_in_a_second"] = perSecond;
        result.Extra["gate_allows_per_second"] = GateBurst + GateRate;
        result.Extra["worst_window"] = new JsonObject
        {
            ["arrivals"] = worstCount,
            ["seconds"] = Math.Round(worstWindow, 3),
            ["share_of_limit"] = Math.Round((double)worstRatio, 3),
        };
        result.Extra["window_rule"] = $"arrivals in [t, t+T] <= burst + rate*(T + {Jitter.TotalMilliseconds:0} ms of transport jitter)";
        result.Extra["attempt_starts_after_restart"] = attemptStarts.Count;
        result.Extra["worst_window_of_attempt_starts"] = new JsonObject
        {
            ["starts"] = startCount,
            ["seconds"] = Math.Round(startWindow, 3),
            ["share_of_limit"] = Math.Round((double)startRatio, 3),
        };
        result.Extra["server_metrics"] = await ServerMetrics.ScrapeAsync(second.Api, cancellationToken);

        result.Check("floor", "every job's outage runs as forecast by its catch-up policy", mismatched == 0);
        result.Check("floor", "sink: arrivals in any one second <= burst + rate", perSecond <= GateBurst + GateRate);
        result.Check("floor", "server: attempt starts in any window T <= burst + rate*T", startRatio <= 1m);
        result.Check("floor", "duplicates == 0", duplicates == 0);
        return result;
    }

    private static TimeSpan Outage(bool quick) => TimeSpan.FromMinutes(quick ? 2 : 10);

    /// <summary>An arrival for a fire that fell in the outage: its key is "job/scheduled_for".</summary>
    private static bool InOutage(SinkArrival arrival, DateTimeOffset stoppedAt, DateTimeOffset restartedAt)
    {
        var scheduled = DateTimeOffset.Parse(arrival.Key[(arrival.Key.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        return scheduled > stoppedAt && scheduled <= restartedAt;
    }

    /// <summary>When each attempt of the workload's runs started after <paramref name="since"/>, from the runs API (newest first, paged).</summary>
    private static async Task<List<DateTimeOffset>> AttemptStartsAsync(PunctualApi api, string prefix, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var starts = new List<DateTimeOffset>();
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"api/v1/runs?limit=1000{(cursor is null ? "" : $"&cursor={cursor}")}", cancellationToken);
            foreach (var run in page!["items"]!.AsArray().OfType<JsonObject>())
            {
                if (run["job"]?.GetValue<string>() is { } job && job.StartsWith(prefix, StringComparison.Ordinal)
                    && run["started_at"]?.GetValue<DateTimeOffset>() is { } started && started >= since)
                {
                    starts.Add(started);
                }
            }

            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        starts.Sort();
        return starts;
    }

    /// <summary>
    /// The window [t_i, t_j] of sorted instants with the highest count / (burst + rate·(T + jitter)). In decimal: a
    /// token bucket may release exactly burst + rate·T in a closed window (904 starts in 8.04 s at 100 + 100/s), and
    /// that ratio is exactly 1, which binary floating point would put a hair above.
    /// </summary>
    private static (decimal Ratio, int Count, double Seconds) WorstWindow(IReadOnlyList<DateTimeOffset> arrivals, TimeSpan jitter)
    {
        var worst = (Ratio: 0m, Count: 0, Seconds: 0.0);
        // Windows longer than a minute add nothing: the bucket refills completely in burst / rate seconds.
        var horizon = TimeSpan.FromSeconds(60);
        for (var i = 0; i < arrivals.Count; i++)
        {
            for (var j = i; j < arrivals.Count && arrivals[j] - arrivals[i] <= horizon; j++)
            {
                var window = arrivals[j] - arrivals[i];
                var seconds = (decimal)(window + jitter).Ticks / TimeSpan.TicksPerSecond;
                var ratio = (j - i + 1) / (GateBurst + ((decimal)GateRate * seconds));
                if (ratio > worst.Ratio)
                {
                    worst = (ratio, j - i + 1, window.TotalSeconds);
                }
            }
        }

        return worst;
    }

    private static DateTimeOffset NextMinute(DateTimeOffset now) =>
        new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
}
