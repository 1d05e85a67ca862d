using System.Text.Json.Nodes;

namespace Punctual.Bench.Workloads;

/// <summary>
/// What one run of a workload measured. The named properties are the fields every result line has (null when
/// they do not apply to the workload); <see cref="Extra"/> holds the workload's own figures.
/// </summary>
internal sealed class WorkloadResult
{
    public double? TasksPerS { get; set; }

    public long? Missing { get; set; }

    public long? Duplicates { get; set; }

    public double? LatenessP50Ms { get; set; }

    public double? LatenessP99Ms { get; set; }

    public double? LatenessMaxMs { get; set; }

    /// <summary>Expected fires never seen at the sink (W2).</summary>
    public long? Missed { get; set; }

    /// <summary>CPU seconds (user + system) of the server process over the workload's measured window.</summary>
    public double? CpuS { get; set; }

    public long? SqlStatements { get; set; }

    public double? RssMb { get; set; }

    public JsonObject Extra { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>The floors and goals of the issue, each with whether this run met it.</summary>
    public JsonArray Floors { get; } = [];

    /// <summary>Records a floor (a minimum to meet) or a goal (what we aim for) and whether this run met it.</summary>
    public void Check(string kind, string rule, bool met) =>
        Floors.Add(new JsonObject { ["kind"] = kind, ["rule"] = rule, ["met"] = met });

    /// <summary>Copies the sink's lateness figures (arrival − Punctual-Scheduled-For) into the standard fields.</summary>
    public void TakeLateness(JsonObject report)
    {
        LatenessP50Ms = report["lateness_p50_ms"]?.GetValue<double>();
        LatenessP99Ms = report["lateness_p99_ms"]?.GetValue<double>();
        LatenessMaxMs = report["lateness_max_ms"]?.GetValue<double>();
    }
}
