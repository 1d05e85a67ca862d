using System.Text.Json.Nodes;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W3 idle cost: 10,000 monthly jobs, none due, then an idle window: the server's CPU seconds, SQL statements and
/// memory. The planner's work should follow what is due, not how many jobs exist.
/// </summary>
internal sealed class IdleCostWorkload : IWorkload
{
    private const int Jobs = 10_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public string Id => "W3";

    public string Title => "idle cost: 10,000 monthly jobs, nothing due";

    public string? Unavailable(StoreBackend store) => null;

    public JsonObject Configuration(bool quick) => new()
    {
        ["jobs"] = Jobs,
        ["schedule"] = "monthly: '<m> <h> <day> * *', minutes and hours spread, a day that is neither today nor tomorrow",
        ["settle_s"] = Settle.TotalSeconds,
        ["idle_s"] = Idle(quick).TotalSeconds,
    };

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var result = new WorkloadResult();
        await using var running = await context.StartServerAsync("w3", cancellationToken);
        await context.Sink.ResetAsync(cancellationToken);
        var day = MonthlyJobs.QuietDayOfMonth(clock.GetUtcNow());
        var started = clock.GetTimestamp();
        await Seeding.ApplyAsync(running.Api, MonthlyJobs.Make($"w3-r{context.Round}-", Jobs, 5, context.Sink.HitUrl("w3"), day), chunk: Jobs, cancellationToken);
        result.Extra["seed_s"] = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 2);

        // After the seeding burst (JIT, the apply transaction, GC) the server is left alone before measuring.
        await Waiting.ForAsync(Settle, cancellationToken);
        WorkloadContext.Log($"W3: {Jobs} monthly jobs, measuring {Idle(context.Quick).TotalSeconds:0} s idle");
        await IdleMeasurement.MeasureAsync(running, context, Idle(context.Quick), result, cancellationToken);
        result.Extra["store_mb"] = await running.Store.SizeMbAsync(cancellationToken);
        IdleMeasurement.CheckStatements(result);
        return result;
    }

    private static TimeSpan Idle(bool quick) => TimeSpan.FromSeconds(quick ? 30 : 60);
}
