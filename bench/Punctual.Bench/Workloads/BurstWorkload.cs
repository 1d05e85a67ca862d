using System.Text.Json.Nodes;
using Punctual.Bench.Measuring;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W1 burst: 10,000 one-shot tasks created (in parallel) with one common <c>at</c>, far enough ahead that creation
/// ends first; then the end-to-end rate tasks/s = delivered / (last arrival − due instant), with missing and
/// duplicates by Idempotency-Key, all from the sink. A smaller burst runs first, unmeasured, so the figure is the
/// steady-state rate and not the JIT's.
/// </summary>
internal sealed class BurstWorkload : IWorkload
{
    private const int Tasks = 10_000;
    private const int WarmUpTasks = 300;
    private const int WarmUpBurst = 2_000;
    private const int WarmUpBursts = 2;
    private const int CreateParallelism = 32;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromSeconds(3);

    public string Id => "W1";

    public string Title => "burst: 10,000 one-shot tasks due at one instant";

    public string? Unavailable(StoreBackend store) => null;

    public JsonObject Configuration(bool quick) => new()
    {
        ["tasks"] = Tasks,
        ["warm_up_bursts"] = $"{WarmUpBursts} × {WarmUpBurst} tasks due at once, delivered before the measured burst (JIT warm-up of the dispatch path)",
        ["warm_up_tasks"] = WarmUpTasks,
        ["create_parallelism"] = CreateParallelism,
    };

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var result = new WorkloadResult();
        await using var running = await context.StartServerAsync("w1", cancellationToken);
        var server = running.Server;
        var sink = context.Sink;
        await sink.ResetAsync(cancellationToken);
        var url = sink.HitUrl("w1");
        var prefix = $"w1-r{context.Round}-";

        // Warm-up 1: a small burst due now, delivered and forgotten, so the dispatch path (claim, send, complete) is
        // compiled before it is measured: a fresh process spends most of its first burst in the JIT.
        // Twice: tiered compilation promotes a method to optimized code only when it is called again after a pause.
        for (var burst = 0; burst < WarmUpBursts; burst++)
        {
            var warmNow = Enumerable.Range(0, WarmUpBurst).Select(i => Seeding.TaskBody(url, clock.GetUtcNow(), $"w1-warm-now-{burst}-{i}")).ToList();
            await Seeding.PostAllAsync(running.Api, "api/v1/tasks", warmNow.Count, i => warmNow[i], CreateParallelism, cancellationToken);
            await sink.WaitForCountAsync(WarmUpBurst, clock.GetUtcNow() + DeliveryTimeout, WarmUpPause, cancellationToken);
            await sink.ResetAsync(cancellationToken);
        }

        // Warm-up 2: tasks due tomorrow (never delivered here) tell how fast creation goes, so the common due
        // instant can be set just far enough ahead.
        var tomorrow = clock.GetUtcNow().AddDays(1);
        var warmUp = Enumerable.Range(0, WarmUpTasks).Select(i => Seeding.TaskBody(url, tomorrow, $"w1-warm-{i}")).ToList();
        var warmStarted = clock.GetTimestamp();
        await Seeding.PostAllAsync(running.Api, "api/v1/tasks", warmUp.Count, i => warmUp[i], CreateParallelism, cancellationToken);
        var warmRate = WarmUpTasks / clock.GetElapsedTime(warmStarted).TotalSeconds;
        var lead = TimeSpan.FromSeconds(Math.Clamp((Tasks / warmRate * 2) + 3, 5, 120));
        var due = ApiText.NextWholeSecond(clock.GetUtcNow() + lead);
        var keys = Enumerable.Range(0, Tasks).Select(i => $"{prefix}{ApiText.Number(i, 5)}").ToList();
        var bodies = keys.Select(key => Seeding.TaskBody(url, due, key)).ToList();
        WorkloadContext.Log($"W1: creating {Tasks} tasks due at {ApiText.Instant(due)} (warm-up rate {warmRate:0}/s)");

        var beforeCreate = server.Sample();
        var createStarted = clock.GetTimestamp();
        await Seeding.PostAllAsync(running.Api, "api/v1/tasks", bodies.Count, i => bodies[i], CreateParallelism, cancellationToken);
        var createElapsed = clock.GetElapsedTime(createStarted);
        var created = clock.GetUtcNow();
        var afterCreate = server.Sample();
        await running.Store.ResetSqlStatementsAsync(cancellationToken);
        var dispatch = CpuWindow.Start(server.Pid, sink.Pid, context.Store.DatabasePid);
        if (created > due)
        {
            result.Notes.Add($"creation ended {(created - due).TotalMilliseconds:0} ms after the due instant: delivery overlapped creation, so tasks/s is understated");
        }

        var delivered = await sink.WaitForCountAsync(Tasks, due + DeliveryTimeout, Quiet, cancellationToken);
        var cpu = dispatch.Stop();
        var afterDelivery = server.Sample();
        if (!delivered)
        {
            result.Notes.Add($"not every task arrived within {DeliveryTimeout.TotalMinutes:0} min of the due instant");
        }

        var report = await sink.ReportAsync(keys.Select(k => "task/" + k).ToList(), null, null, "task/" + prefix, cancellationToken);
        var seen = report["expected"]!.GetValue<int>() - report["missing"]!.GetValue<int>();
        var last = report["last_arrival"]?.GetValue<DateTimeOffset>();
        var first = report["first_arrival"]?.GetValue<DateTimeOffset>();

        result.TasksPerS = last is { } l && l > due ? Math.Round(seen / (l - due).TotalSeconds) : null;
        result.Missing = report["missing"]!.GetValue<int>();
        result.Duplicates = report["duplicates"]!.GetValue<int>();
        result.TakeLateness(report);
        result.CpuS = Math.Round(cpu.Server, 2);
        result.RssMb = Math.Round(afterDelivery.RssMb, 1);
        result.SqlStatements = await running.Store.SqlStatementsAsync(cancellationToken);
        if (result.SqlStatements is null)
        {
            result.Notes.Add($"sql_statements: {running.Store.SqlStatementsNote}");
        }
        else
        {
            result.Extra["sql_statements_window"] = "from the end of creation to the last arrival (plus the report's few seconds)";
            result.Extra["sql_statements_per_task"] = seen > 0 ? Math.Round((double)result.SqlStatements.Value / seen, 2) : null;
            result.Extra["top_statements"] = await running.Store.TopStatementsAsync(8, cancellationToken);
        }

        result.Extra["delivered"] = seen;
        result.Extra["create_per_s"] = Math.Round(Tasks / createElapsed.TotalSeconds);
        result.Extra["create_cpu_s"] = Math.Round(ProcessSample.CpuBetween(beforeCreate, afterCreate), 2);
        result.Extra["lead_s"] = Math.Round((due - created).TotalSeconds, 1);
        result.Extra["first_arrival_after_due_ms"] = first is { } f ? Math.Round((f - due).TotalMilliseconds, 1) : null;
        result.Extra["last_arrival_after_due_ms"] = last is { } la ? Math.Round((la - due).TotalMilliseconds, 1) : null;
        result.Extra["peak_in_flight"] = report["peak_in_flight"]?.DeepClone();
        result.Extra["peak_connections"] = report["peak_connections"]?.DeepClone();
        result.Extra["repeat_attempts"] = report["repeat_attempts"]?.DeepClone();
        result.Extra["cpu_during_delivery_s"] = cpu.ToJson();
        result.Extra["peak_rss_mb"] = Math.Round(afterDelivery.PeakRssMb, 1);

        result.Extra["server_metrics"] = await ServerMetrics.ScrapeAsync(running, cancellationToken);
        var limit = context.SinkLimitPerS;
        result.Extra["sink_ratio"] = result.TasksPerS is { } rate && limit is > 0 ? Math.Round(rate / limit.Value, 3) : null;
        // The floors on this 2-core machine: 2,000 tasks/s on SQLite, 3,000 on PostgreSQL (one node).
        var floor = context.Store.Name == "postgres" ? 3_000 : 2_000;
        result.Check("floor", $"tasks_per_s >= {floor}", result.TasksPerS >= floor);
        result.Check("floor", "missing == 0", result.Missing == 0);
        result.Check("floor", "duplicates == 0", result.Duplicates == 0);
        result.Check("goal", "tasks_per_s >= 0.5 * sink_limit_per_s", limit is > 0 && result.TasksPerS >= 0.5 * limit.Value);
        return result;
    }
}
