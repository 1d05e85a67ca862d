using System.Net;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;
using Punctual.Bench.Measuring;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W6 scale: 1,000,000 monthly jobs (100,000 with --quick), seeded through the public API as config documents
/// (POST /api/v1/jobs, many at a time). Then: memory, the planner's cost (CPU over an idle
/// window), and API latency, one call at a time, of listing a page, reading one job, and creating a task.
/// </summary>
internal sealed class ScaleWorkload : IWorkload
{
    /// <summary>
    /// Jobs are created with POST /api/v1/jobs, this many at a time. POST /api/v1/apply (10,000 jobs a document) is
    /// faster at first but each document re-reads every existing job, so 1,000,000 jobs would take about 20 minutes.
    /// </summary>
    private const int SeedParallelism = 32;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public string Id => "W6";

    public string Title => "scale: 1,000,000 jobs";

    public string? Unavailable(StoreBackend store) => null;

    public JsonObject Configuration(bool quick) => new()
    {
        ["jobs"] = Jobs(quick),
        ["seed"] = $"POST /api/v1/jobs, {SeedParallelism} requests in flight",
        ["schedule"] = "monthly: '<m> <h> <day> * *', minutes and hours spread, a day that is neither today nor tomorrow",
        ["settle_s"] = Settle.TotalSeconds,
        ["idle_s"] = Idle(quick).TotalSeconds,
        ["latency_samples"] = Samples(quick),
    };

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var result = new WorkloadResult();
        var jobs = Jobs(context.Quick);
        await using var running = await context.StartServerAsync("w6", cancellationToken);
        var api = running.Api;
        await context.Sink.ResetAsync(cancellationToken);
        var prefix = $"w6-r{context.Round}-";
        var day = MonthlyJobs.QuietDayOfMonth(clock.GetUtcNow());

        WorkloadContext.Log($"W6: seeding {jobs} jobs");
        var before = running.Server.Sample();
        var started = clock.GetTimestamp();
        var url = context.Sink.HitUrl("w6");
        await Seeding.PostAllAsync(
            api,
            "api/v1/jobs",
            jobs,
            i => PunctualApi.Json(MonthlyJobs.Definition(i, url, day, name: MonthlyJobs.Name(prefix, i, 7))),
            SeedParallelism,
            cancellationToken);
        var seedElapsed = clock.GetElapsedTime(started);
        var seeded = running.Server.Sample();
        result.Extra["seed_s"] = Math.Round(seedElapsed.TotalSeconds, 1);
        result.Extra["seed_per_s"] = Math.Round(jobs / seedElapsed.TotalSeconds);
        result.Extra["seed_cpu_s"] = Math.Round(ProcessSample.CpuBetween(before, seeded), 1);
        result.Extra["rss_after_seed_mb"] = Math.Round(seeded.RssMb, 1);
        WorkloadContext.Log($"W6: seeded in {seedElapsed.TotalSeconds:0} s; measuring {Idle(context.Quick).TotalSeconds:0} s idle");

        await Waiting.ForAsync(Settle, cancellationToken);
        await IdleMeasurement.MeasureAsync(running, context, Idle(context.Quick), result, cancellationToken);
        result.Extra["planner_cpu_s"] = result.CpuS;

        WorkloadContext.Log("W6: API latency");
        var random = new Random(6);
        var samples = Samples(context.Quick);
        string Name(int i) => MonthlyJobs.Name(prefix, i, 7);
        result.Extra["latency_list_page"] = await LatencySampler.MeasureAsync(
            samples,
            _ => api.SendCheckedAsync(HttpMethod.Get, $"api/v1/jobs?limit=100&after={Name(random.Next(jobs))}", null, cancellationToken),
            cancellationToken);
        result.Extra["latency_get_job"] = await LatencySampler.MeasureAsync(
            samples,
            _ => api.SendCheckedAsync(HttpMethod.Get, $"api/v1/jobs/{Name(random.Next(jobs))}", null, cancellationToken),
            cancellationToken);
        var tomorrow = clock.GetUtcNow().AddDays(1);
        result.Extra["latency_create_task"] = await LatencySampler.MeasureAsync(
            samples,
            i => api.SendCheckedAsync(HttpMethod.Post, "api/v1/tasks", Seeding.TaskBody(url, tomorrow, $"w6-latency-{i}"), cancellationToken, HttpStatusCode.Created),
            cancellationToken);

        var end = running.Server.Sample();
        result.RssMb = Math.Round(end.RssMb, 1);
        result.Extra["peak_rss_mb"] = Math.Round(end.PeakRssMb, 1);
        result.Extra["store_mb"] = await running.Store.SizeMbAsync(cancellationToken);
        IdleMeasurement.CheckStatements(result);
        return result;
    }

    private static int Jobs(bool quick) => quick ? 100_000 : 1_000_000;

    private static TimeSpan Idle(bool quick) => TimeSpan.FromSeconds(quick ? 30 : 60);

    private static int Samples(bool quick) => quick ? 200 : 500;
}
