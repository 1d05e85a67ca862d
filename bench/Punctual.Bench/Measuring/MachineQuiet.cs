using System.Text.Json.Nodes;

namespace Punctual.Bench.Measuring;

/// <summary>
/// Waits, for a bounded time, until the rest of the machine is quiet before a measurement starts: on a shared
/// 2-core machine a build next door takes half the CPU a workload would get. The wait and what was seen are
/// recorded; the measurement goes ahead either way (its <c>other_processes</c> CPU tells how disturbed it was).
/// </summary>
internal static class MachineQuiet
{
    /// <summary>Other processes may use at most this share of one core for the machine to count as quiet.</summary>
    private const double QuietCores = 0.15;

    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(1);

    /// <param name="databasePid">Our own database server (PostgreSQL), whose background work is not "other processes".</param>
    public static async Task<JsonObject> WaitAsync(int sinkPid, int? databasePid, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        double busy;
        do
        {
            var window = CpuWindow.Start(null, sinkPid, databasePid);
            await Task.Delay(Sample, clock, cancellationToken);
            var use = window.Stop();
            busy = use.Others / use.Elapsed.TotalSeconds;
        }
        while (busy > QuietCores && clock.GetElapsedTime(started) < maxWait);

        return new JsonObject
        {
            ["waited_s"] = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1),
            ["quiet"] = busy <= QuietCores,
            ["other_processes_cores_at_start"] = Math.Round(busy, 2),
        };
    }
}
