using Npgsql;
using Punctual.Storage.Nodes;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Nodes;

/// <summary>The cluster's roster: every write is one statement in autocommit (a heartbeat is one upsert).</summary>
internal sealed class PostgresNodeStore(Database database) : INodeStore
{
    private const string Columns = "id, host, version, started_at, last_heartbeat_at, in_flight, stopped_at";

    public Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken) =>
        database.RunAsync($"recording a heartbeat of node '{heartbeat.Id}'", session => session.ExecuteAsync(
            """
            INSERT INTO nodes (id, host, version, started_at, last_heartbeat_at, in_flight)
            VALUES (@id, @host, @version, @started, @now, @inFlight)
            ON CONFLICT (id) DO UPDATE SET last_heartbeat_at = excluded.last_heartbeat_at, in_flight = excluded.in_flight;
            """,
            cancellationToken,
            ("id", heartbeat.Id), ("host", heartbeat.Host), ("version", heartbeat.Version),
            ("started", heartbeat.StartedAt), ("now", heartbeat.Now), ("inFlight", heartbeat.InFlight)), cancellationToken);

    public Task MarkStoppedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync($"recording the stop of node '{id}'", session => session.ExecuteAsync(
            "UPDATE nodes SET stopped_at = @now, last_heartbeat_at = @now, in_flight = 0 WHERE id = @id;",
            cancellationToken,
            ("id", id), ("now", now)), cancellationToken);

    public Task<DateTimeOffset?> ReadClockAsync(CancellationToken cancellationToken) =>
        database.RunAsync<DateTimeOffset?>("reading the database clock", async session =>
            (DateTimeOffset)(DateTime)(await session.ScalarAsync("SELECT clock_timestamp();", cancellationToken))!, cancellationToken);

    public Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<NodeRecord>>("listing nodes", async session => await session.QueryAsync(
            $"SELECT {Columns} FROM nodes ORDER BY started_at DESC, id;",
            Read,
            cancellationToken), cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset lastSeenBefore, CancellationToken cancellationToken) =>
        database.RunAsync("pruning nodes", session => session.ExecuteAsync(
            "DELETE FROM nodes WHERE last_heartbeat_at < @before;",
            cancellationToken,
            ("before", lastSeenBefore)), cancellationToken);

    private static NodeRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInstant(3),
        reader.GetInstant(4),
        reader.GetInt32(5),
        reader.GetNullableInstant(6));
}
