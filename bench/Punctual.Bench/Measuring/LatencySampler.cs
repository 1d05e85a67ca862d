using System.Text.Json.Nodes;

namespace Punctual.Bench.Measuring;

/// <summary>Times one kind of API call, one call at a time (no queueing in the driver), and summarizes the latencies.</summary>
internal static class LatencySampler
{
    public static async Task<JsonObject> MeasureAsync(int samples, Func<int, Task> call, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var latencies = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = clock.GetTimestamp();
            await call(i);
            latencies.Add(clock.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        return new JsonObject
        {
            ["samples"] = samples,
            ["p50_ms"] = Percentiles.Round(Percentiles.Of(latencies, 50) ?? 0),
            ["p90_ms"] = Percentiles.Round(Percentiles.Of(latencies, 90) ?? 0),
            ["p99_ms"] = Percentiles.Round(Percentiles.Of(latencies, 99) ?? 0),
            ["max_ms"] = Percentiles.Round(latencies.Count > 0 ? latencies[^1] : 0),
            ["mean_ms"] = Percentiles.Round(latencies.Count > 0 ? latencies.Average() : 0),
        };
    }
}
