using System.Text.Json.Nodes;

namespace Punctual.Bench.Workloads;

/// <summary>
/// The server's own account of a workload, from its /metrics: how long each store call took (the writer's queue
/// included) and how late attempts started after their due time. Taken on a fresh server, so it covers one workload.
/// </summary>
internal static class ServerMetrics
{
    public static Task<JsonObject> ScrapeAsync(RunningServer running, CancellationToken cancellationToken) =>
        ScrapeAsync(running.Api, cancellationToken);

    public static async Task<JsonObject> ScrapeAsync(Hosting.PunctualApi api, CancellationToken cancellationToken)
    {
        try
        {
            var scrape = await api.SendCheckedAsync(HttpMethod.Get, "metrics", null, cancellationToken);
            return new JsonObject
            {
                ["store_call_ms"] = Measuring.PrometheusHistograms.Summarize(scrape, "punctual_store_duration_seconds", "operation"),
                ["attempt_start_lateness_ms"] = Measuring.PrometheusHistograms.Summarize(scrape, "punctual_fire_lateness_seconds", "origin"),
            };
        }
        catch (InvalidOperationException e)
        {
            // A server without /metrics (older builds) still gets measured; the line says why this part is missing.
            return new JsonObject { ["unavailable"] = e.Message };
        }
    }
}
