using System.Text.Json.Nodes;
using Punctual.Bench.Measuring;

namespace Punctual.Bench.Workloads;

/// <summary>
/// What a server costs while nothing is due: CPU seconds (user + system) and SQL statements over a window, and
/// its memory at the end. Shared by W3 (10,000 jobs) and W6 (1,000,000 jobs: the planner's cost at scale).
/// </summary>
internal static class IdleMeasurement
{
    public static async Task MeasureAsync(RunningServer running, WorkloadContext context, TimeSpan window, WorkloadResult result, CancellationToken cancellationToken)
    {
        var arrivalsBefore = await context.Sink.CountAsync(cancellationToken);
        await running.Store.ResetSqlStatementsAsync(cancellationToken);
        var statementsBefore = await running.Store.SqlStatementsAsync(cancellationToken);
        var measuring = CpuWindow.Start(running.Server.Pid, context.Sink.Pid, context.Store.DatabasePid);
        await Waiting.ForAsync(window, cancellationToken);
        var cpu = measuring.Stop();
        var elapsed = cpu.Elapsed;
        var after = running.Server.Sample();
        var statementsAfter = await running.Store.SqlStatementsAsync(cancellationToken);

        result.CpuS = Math.Round(cpu.Server, 3);
        result.RssMb = Math.Round(after.RssMb, 1);
        result.SqlStatements = statementsAfter - statementsBefore;
        result.Extra["idle_s"] = Math.Round(elapsed.TotalSeconds, 1);
        result.Extra["cpu_percent_of_one_core"] = Math.Round(100 * result.CpuS.Value / elapsed.TotalSeconds, 3);
        result.Extra["sql_statements_per_s"] = result.SqlStatements is { } n ? Math.Round(n / elapsed.TotalSeconds, 3) : null;
        result.Extra["cpu_during_idle_s"] = cpu.ToJson();
        result.Extra["threads"] = after.Threads;
        result.Extra["peak_rss_mb"] = Math.Round(after.PeakRssMb, 1);
        result.Extra["arrivals_while_idle"] = await context.Sink.CountAsync(cancellationToken) - arrivalsBefore;
        result.Extra["top_statements"] = await running.Store.TopStatementsAsync(8, cancellationToken);
        if (result.SqlStatements is null)
        {
            result.Notes.Add($"sql_statements: {running.Store.SqlStatementsNote}");
        }
    }

    /// <summary>The floor for PostgreSQL, where statements can be counted: at most one per second while idle.</summary>
    public static void CheckStatements(WorkloadResult result)
    {
        if (result.Extra["sql_statements_per_s"] is JsonValue perSecond)
        {
            result.Check("floor", "sql_statements_per_s <= 1 while idle", perSecond.GetValue<double>() <= 1);
        }
    }
}
