using System.Text.Json.Nodes;

namespace Punctual.Bench.Stores;

/// <summary>
/// PostgreSQL, once Punctual has its driver. Then this class starts a throwaway server for the invocation
/// (initdb and pg_ctl in the work directory, on a free port, with pg_stat_statements preloaded), gives each server
/// a fresh database, measures the commit rate with pgbench, and counts the statements a server ran from
/// pg_stat_statements (W3's ≤ 1 statement per second while idle). Workloads need no change.
/// </summary>
internal sealed class PostgresBackend : StoreBackend
{
    public override string Name => "postgres";

    public override string? Unavailable =>
        "not available yet: needs the PostgreSQL driver (`punctual serve --store postgres:…`, the PostgreSQL issue)";

    public override string? Version => null;

    public override Task<StoreInstance> CreateAsync(string label, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Unavailable);

    public override Task<JsonObject> MeasureCommitRateAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Unavailable);
}
