using System.Text.Json.Nodes;
using Punctual.Bench.Measuring;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W2 precision: 200 jobs with cron <c>* * * * * *</c> for a window of whole seconds. Every job should fire once
/// per second of the window: missed = expected (job, second) pairs the sink never saw, duplicates by
/// Idempotency-Key, lateness = arrival − Punctual-Scheduled-For.
/// </summary>
internal sealed class PrecisionWorkload : IWorkload
{
    private const int Jobs = 200;
    private const int BreakdownJobs = 10;
    private static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public string Id => "W2";

    public string Title => "precision: 200 jobs firing every second";

    public string? Unavailable(StoreBackend store) => null;

    public JsonObject Configuration(bool quick) => new()
    {
        ["jobs"] = Jobs,
        ["schedule"] = "* * * * * *",
        ["window_s"] = Window(quick).TotalSeconds,
    };

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var result = new WorkloadResult();
        var window = Window(context.Quick);
        await using var running = await context.StartServerAsync("w2", cancellationToken);
        var server = running.Server;
        var sink = context.Sink;
        await sink.ResetAsync(cancellationToken);
        var url = sink.HitUrl("w2");
        var prefix = $"w2-r{context.Round}-";
        var names = Enumerable.Range(0, Jobs).Select(i => $"{prefix}{ApiText.Number(i, 3)}").ToList();
        await Seeding.ApplyAsync(
            running.Api,
            names.Select(name => (name, new JsonObject { ["schedule"] = "* * * * * *", ["target"] = new JsonObject { ["url"] = url } })),
            chunk: Jobs,
            cancellationToken);

        // The window starts on a whole second a little after the jobs exist, so every job is planned before it opens.
        var from = ApiText.NextWholeSecond(clock.GetUtcNow() + LeadIn);
        var to = from + window;
        WorkloadContext.Log($"W2: {Jobs} jobs every second, window {ApiText.Instant(from)} … {ApiText.Instant(to)}");
        await running.Store.ResetSqlStatementsAsync(cancellationToken);
        await Waiting.UntilAsync(from, cancellationToken);
        var measuring = CpuWindow.Start(server.Pid, sink.Pid, context.Store.DatabasePid);
        await Waiting.UntilAsync(to, cancellationToken);
        var cpu = measuring.Stop();
        var after = server.Sample();
        var statements = await running.Store.SqlStatementsAsync(cancellationToken);
        await Task.Delay(Settle, clock, cancellationToken);

        var expected = new List<string>(Jobs * (int)window.TotalSeconds);
        for (var second = from; second < to; second = second.AddSeconds(1))
        {
            expected.AddRange(names.Select(name => $"{name}/{ApiText.Instant(second)}"));
        }

        var report = await sink.ReportAsync(expected, from, to, prefix, cancellationToken);
        result.Missed = report["missing"]!.GetValue<int>();
        result.Missing = result.Missed;
        result.Duplicates = report["duplicates"]!.GetValue<int>();
        result.TakeLateness(report);
        result.TasksPerS = Math.Round(report["distinct"]!.GetValue<int>() / window.TotalSeconds, 1);
        result.CpuS = Math.Round(cpu.Server, 2);
        result.RssMb = Math.Round(after.RssMb, 1);
        result.SqlStatements = statements;
        if (result.SqlStatements is null)
        {
            result.Notes.Add($"sql_statements: {running.Store.SqlStatementsNote}");
        }
        else
        {
            result.Extra["sql_statements_per_s"] = Math.Round(result.SqlStatements.Value / window.TotalSeconds, 1);
        }

        result.Extra["expected"] = expected.Count;
        result.Extra["delivered"] = report["distinct"]?.DeepClone();
        result.Extra["unexpected"] = report["unexpected"]?.DeepClone();
        result.Extra["missed_sample"] = report["missing_sample"]?.DeepClone();
        result.Extra["lateness_min_ms"] = report["lateness_min_ms"]?.DeepClone();
        result.Extra["lateness_p90_ms"] = report["lateness_p90_ms"]?.DeepClone();
        result.Extra["repeat_attempts"] = report["repeat_attempts"]?.DeepClone();
        result.Extra["peak_in_flight"] = report["peak_in_flight"]?.DeepClone();
        result.Extra["latest_seconds"] = report["worst_scheduled"]?.DeepClone();
        result.Extra["cpu_percent_of_one_core"] = Math.Round(100 * result.CpuS.Value / window.TotalSeconds, 1);
        result.Extra["cpu_during_window_s"] = cpu.ToJson();

        result.Extra["server_metrics"] = await ServerMetrics.ScrapeAsync(running, cancellationToken);
        result.Extra["lateness_breakdown_ms"] = await LatenessBreakdownAsync(running, names.Take(BreakdownJobs), from, to, cancellationToken);

        result.Check("floor", "missed == 0", result.Missed == 0);
        result.Check("floor", "duplicates == 0", result.Duplicates == 0);
        result.Check("floor", "lateness_p99_ms <= 100", result.LatenessP99Ms <= 100);
        result.Check("goal", "lateness_p99_ms <= 10", result.LatenessP99Ms <= 10);
        return result;
    }

    private static TimeSpan Window(bool quick) => TimeSpan.FromSeconds(quick ? 30 : 60);

    /// <summary>
    /// Where the lateness comes from, from the runs' own timestamps (GET /api/v1/runs): how long after its
    /// scheduled second a run was created by the planner (<c>created</c>) and claimed by the dispatcher
    /// (<c>started</c>); the sink's lateness adds the HTTP request. Taken from a few jobs' history.
    /// </summary>
    private static async Task<JsonObject> LatenessBreakdownAsync(
        RunningServer running, IEnumerable<string> jobs, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        List<double> created = [], started = [];
        foreach (var job in jobs)
        {
            var page = await running.Api.GetJsonAsync($"api/v1/runs?job={job}&limit=1000", cancellationToken);
            foreach (var run in page!["items"]!.AsArray().OfType<JsonObject>())
            {
                var scheduled = run["scheduled_for"]!.GetValue<DateTimeOffset>();
                if (scheduled < from || scheduled >= to)
                {
                    continue;
                }

                created.Add((run["created_at"]!.GetValue<DateTimeOffset>() - scheduled).TotalMilliseconds);
                if (run["started_at"]?.GetValue<DateTimeOffset>() is { } start)
                {
                    started.Add((start - scheduled).TotalMilliseconds);
                }
            }
        }

        created.Sort();
        started.Sort();
        return new JsonObject
        {
            ["jobs_sampled"] = BreakdownJobs,
            ["runs_sampled"] = created.Count,
            ["created_p50"] = Ms(Percentiles.Of(created, 50)),
            ["created_p99"] = Ms(Percentiles.Of(created, 99)),
            ["started_p50"] = Ms(Percentiles.Of(started, 50)),
            ["started_p99"] = Ms(Percentiles.Of(started, 99)),
        };

        static double? Ms(double? value) => value is { } v ? Math.Round(v, 1) : null;
    }
}
