using System.Text.Json.Nodes;
using Punctual.Bench.Workloads;

namespace Punctual.Bench.Results;

/// <summary>
/// One JSON object per workload run. The fields every line has come first (null when they do not apply), then
/// the workload's own figures, the floors, notes, and the machine, versions and configuration of the run.
/// </summary>
internal static class ResultLine
{
    public static JsonObject Compose(IWorkload workload, WorkloadContext context, WorkloadResult? result, string? error, RunFacts facts)
    {
        var line = new JsonObject
        {
            ["workload"] = workload.Id,
            ["store"] = context.Store.Name,
            ["stamp"] = facts.Stamp,
            ["round"] = context.Round,
            ["quick"] = context.Quick,
            ["tasks_per_s"] = result?.TasksPerS,
            ["missing"] = result?.Missing,
            ["duplicates"] = result?.Duplicates,
            ["lateness_p50_ms"] = result?.LatenessP50Ms,
            ["lateness_p99_ms"] = result?.LatenessP99Ms,
            ["lateness_max_ms"] = result?.LatenessMaxMs,
            ["missed"] = result?.Missed,
            ["cpu_s"] = result?.CpuS,
            ["sql_statements"] = result?.SqlStatements,
            ["rss_mb"] = result?.RssMb,
            ["sink_limit_per_s"] = context.Limits["sink_limit_per_s"]?.DeepClone(),
            ["db_commits_per_s"] = context.Limits["db_commits_per_s"]?.DeepClone(),
        };
        if (error is not null)
        {
            line["error"] = error;
        }

        foreach (var (name, value) in result?.Extra ?? [])
        {
            line[name] = value?.DeepClone();
        }

        line["floors"] = result?.Floors.DeepClone() ?? new JsonArray();
        line["notes"] = new JsonArray((result?.Notes ?? []).Select(n => (JsonNode)n).ToArray());
        line["limits"] = context.Limits["details"]?.DeepClone();
        line["machine"] = facts.Machine.DeepClone();
        line["versions"] = facts.Versions.DeepClone();
        line["configuration"] = new JsonObject
        {
            ["title"] = workload.Title,
            ["workload"] = workload.Configuration(context.Quick),
            ["engine"] = new JsonObject(context.Options.Engine.Select(e => KeyValuePair.Create($"PUNCTUAL_ENGINE__{e.Key}", (JsonNode?)e.Value))),
            ["server"] = "punctual serve (Release build, published), --listen on loopback, one fresh store per workload run",
            ["sink"] = "bench/Punctual.Bench.Sink: Kestrel, HTTP/1.1, answers 200 with no body, records arrival time and headers",
            ["driver"] = "bench/Punctual.Bench (same machine; idle while the server is measured except where stated)",
            ["store"] = context.Store.Settings?.DeepClone(),
            ["repeat"] = context.Options.Repeat,
            ["priority"] = context.Options.Priority ?? "default",
        };
        return line;
    }
}

/// <summary>What every line of one invocation shares.</summary>
internal sealed record RunFacts(string Stamp, JsonObject Machine, JsonObject Versions);
