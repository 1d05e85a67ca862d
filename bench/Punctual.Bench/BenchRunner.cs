using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;
using Punctual.Bench.Measuring;
using Punctual.Bench.Options;
using Punctual.Bench.Results;
using Punctual.Bench.Stores;
using Punctual.Bench.Workloads;

namespace Punctual.Bench;

/// <summary>
/// Runs the selected workloads: starts the store and the sink once, then per round measures the limits (the sink's
/// request rate, the database's commit rate) and runs each workload on a server of its own. Everything started is
/// stopped in finally blocks; the pid file lets bench/run.sh stop it even if this process dies.
/// </summary>
internal static class BenchRunner
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int BadUsage = 2;
    public const int NothingAvailable = 3;

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var names = options.Workloads.Count > 0 ? options.Workloads : WorkloadCatalog.Defaults(options.Quick);
        var unknown = names.Where(n => WorkloadCatalog.Find(n) is null).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: unknown workload(s) {string.Join(", ", unknown)}; known: {string.Join(", ", WorkloadCatalog.All.Select(w => w.Id))}");
            return BadUsage;
        }

        await using var store = StoreBackends.For(options.Store, options.Work, options.PostgresScript);
        var runnable = new List<IWorkload>();
        foreach (var workload in names.Select(n => WorkloadCatalog.Find(n)!))
        {
            var reason = store.Unavailable ?? workload.Unavailable(store);
            if (reason is null)
            {
                runnable.Add(workload);
            }
            else
            {
                await Console.Error.WriteLineAsync($"{workload.Id} on {store.Name}: {reason}");
            }
        }

        if (runnable.Count == 0)
        {
            await Console.Error.WriteLineAsync("nothing to run: every requested workload needs something this version does not have yet");
            return NothingAvailable;
        }

        // Started first: the server's version goes into every result line.
        await store.StartAsync(options.PidFile, cancellationToken);
        var facts = new RunFacts(
            ApiText.Instant(TimeProvider.System.GetUtcNow()),
            MachineInfo.Machine(),
            MachineInfo.Versions(options.SdkVersion, options.Commit, store.Name, store.Version));
        var writer = new ResultWriter(options.Results);
        var failures = 0;
        await using var sink = await SinkHost.StartAsync(options.Sink, options.Work, options.PidFile, cancellationToken);
        for (var round = 1; round <= options.Repeat; round++)
        {
            var limits = await MeasureLimitsAsync(store, sink, options, cancellationToken);
            foreach (var workload in runnable)
            {
                var context = new WorkloadContext(options, store, sink, round, limits);
                WorkloadContext.Log($"{workload.Id} ({workload.Title}), round {round} of {options.Repeat}");
                WorkloadResult? result = null;
                string? error = null;
                try
                {
                    var quiet = await MachineQuiet.WaitAsync(sink.Pid, store.DatabasePid, QuietWait(options), cancellationToken);
                    result = await workload.RunAsync(context, cancellationToken);
                    result.Extra["machine_quiet_before"] = quiet;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    error = e.Message;
                    failures++;
                    WorkloadContext.Log($"{workload.Id} failed: {e}");
                }

                writer.Write(ResultLine.Compose(workload, context, result, error, facts));
            }
        }

        return failures == 0 ? Ok : SomeFailed;
    }

    /// <summary>How long to wait for a quiet machine before each measurement: bounded, so the run's time limit holds.</summary>
    private static TimeSpan QuietWait(BenchOptions options) => TimeSpan.FromSeconds(options.Quick ? 10 : 60);

    private static async Task<JsonObject> MeasureLimitsAsync(StoreBackend store, SinkHost sink, BenchOptions options, CancellationToken cancellationToken)
    {
        var quick = options.Quick;
        var quiet = await MachineQuiet.WaitAsync(sink.Pid, store.DatabasePid, QuietWait(options), cancellationToken);
        WorkloadContext.Log("limits: the sink's request rate on loopback, the database's commit rate");
        var sinkLimit = await SinkLimit.MeasureAsync(sink, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(quick ? 3 : 5), cancellationToken);
        var commits = await store.MeasureCommitRateAsync(TimeSpan.FromSeconds(quick ? 1 : 2), cancellationToken);
        WorkloadContext.Log($"limits: sink {sinkLimit["per_s"]} requests/s, {store.Name} {commits["per_s"]} commits/s");
        return new JsonObject
        {
            ["sink_limit_per_s"] = sinkLimit["per_s"]?.DeepClone(),
            ["db_commits_per_s"] = commits["per_s"]?.DeepClone(),
            ["details"] = new JsonObject { ["sink"] = sinkLimit, ["db_commits"] = commits, ["machine_quiet_before"] = quiet },
        };
    }
}
