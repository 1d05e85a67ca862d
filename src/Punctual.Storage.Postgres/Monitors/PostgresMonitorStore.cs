using Npgsql;
using Punctual.Storage.Monitors;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Monitors;

internal sealed class PostgresMonitorStore(Database database) : IMonitorStore
{
    /// <summary>Pings kept per monitor; older ones are deleted as new ones arrive.</summary>
    public const int PingsKept = 100;

    private const string Columns =
        "name, spec_json, created_at, updated_at, last_ping_at, last_start_at, last_success_at, last_fail_at, last_exit_status, last_duration_ms";

    public Task<IReadOnlyList<MonitorRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<MonitorRecord>>("listing monitors", async session =>
            await session.QueryAsync($"SELECT {Columns} FROM monitors ORDER BY name;", Read, cancellationToken), cancellationToken);

    public Task<MonitorRecord?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.RunAsync($"reading monitor '{name}'", session =>
            session.QuerySingleAsync($"SELECT {Columns} FROM monitors WHERE name = @name;", Read, cancellationToken, ("name", name)), cancellationToken);

    public Task<MonitorWriteStatus> UpsertAsync(MonitorUpsertRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"writing monitor '{request.Name}'", session => UpsertAsync(session, request, cancellationToken), cancellationToken);

    public Task<MonitorWriteStatus> DeleteAsync(string name, CancellationToken cancellationToken) =>
        database.TransactionAsync($"deleting monitor '{name}'", session => DeleteAsync(session, name, cancellationToken), cancellationToken);

    public Task<bool> SetTokenAsync(string name, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.TransactionAsync($"rotating the token of monitor '{name}'", async session =>
            await session.ExecuteAsync(
                "UPDATE monitors SET token_hash = @hash, updated_at = @now WHERE name = @name;",
                cancellationToken, ("name", name), ("hash", tokenHash), ("now", now)) > 0,
            cancellationToken);

    public Task<MonitorPing?> RecordPingAsync(MonitorPingRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync("recording a monitor ping", async session =>
        {
            var current = await session.QuerySingleAsync(
                $"SELECT {Columns} FROM monitors WHERE {(request.Name is not null ? "name = @key" : "token_hash = @key")} FOR UPDATE;",
                Read, cancellationToken, ("key", request.Name ?? request.TokenHash));
            if (current is null)
            {
                return null;
            }

            var update = MonitorPings.Apply(current, request);
            await session.ExecuteAsync(
                """
                UPDATE monitors SET last_ping_at = @at, last_start_at = @start, last_success_at = @success, last_fail_at = @fail,
                    last_exit_status = @exit, last_duration_ms = @duration
                WHERE name = @name;
                """,
                cancellationToken,
                ("name", current.Name), ("at", request.At), ("start", update.LastStartAt), ("success", update.LastSuccessAt),
                ("fail", update.LastFailAt), ("exit", update.LastExitStatus), ("duration", update.LastDurationMs));
            var id = (long)(await session.ScalarAsync(
                """
                INSERT INTO monitor_pings (monitor, kind, at, exit_status, duration_ms, output)
                VALUES (@name, @kind, @at, @exit, @duration, @output) RETURNING id;
                """,
                cancellationToken,
                ("name", current.Name), ("kind", request.Kind), ("at", request.At), ("exit", request.ExitStatus),
                ("duration", update.PingDurationMs), ("output", request.Output)))!;
            await session.ExecuteAsync(
                "DELETE FROM monitor_pings WHERE monitor = @name AND id NOT IN (SELECT id FROM monitor_pings WHERE monitor = @name ORDER BY id DESC LIMIT @kept);",
                cancellationToken, ("name", current.Name), ("kept", PingsKept));
            return new MonitorPing(id, current.Name, request.Kind, request.At, request.ExitStatus, update.PingDurationMs, request.Output);
        }, cancellationToken);

    public Task<IReadOnlyList<MonitorPing>> ListPingsAsync(string name, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<MonitorPing>>($"listing the pings of monitor '{name}'", async session =>
            await session.QueryAsync(
                "SELECT id, monitor, kind, at, exit_status, duration_ms, output FROM monitor_pings WHERE monitor = @name ORDER BY id DESC LIMIT @limit;",
                r => new MonitorPing(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInstant(3), r.GetNullableInt32(4), r.GetNullableInt64(5), r.GetNullableString(6)),
                cancellationToken, ("name", name), ("limit", limit)),
            cancellationToken);

    internal static async Task<MonitorWriteStatus> UpsertAsync(Session session, MonitorUpsertRequest request, CancellationToken cancellationToken)
    {
        var current = await session.ScalarAsync("SELECT spec_json FROM monitors WHERE name = @name FOR UPDATE;", cancellationToken, ("name", request.Name));
        if (current is string spec)
        {
            if (spec == request.SpecJson)
            {
                return MonitorWriteStatus.Unchanged;
            }

            await session.ExecuteAsync(
                "UPDATE monitors SET spec_json = @spec, updated_at = @now WHERE name = @name;",
                cancellationToken, ("name", request.Name), ("spec", request.SpecJson), ("now", request.Now));
            return MonitorWriteStatus.Updated;
        }

        await session.ExecuteAsync(
            "INSERT INTO monitors (name, spec_json, token_hash, created_at, updated_at) VALUES (@name, @spec, @hash, @now, @now);",
            cancellationToken, ("name", request.Name), ("spec", request.SpecJson), ("hash", request.TokenHash), ("now", request.Now));
        return MonitorWriteStatus.Created;
    }

    internal static async Task<MonitorWriteStatus> DeleteAsync(Session session, string name, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("DELETE FROM monitors WHERE name = @name;", cancellationToken, ("name", name)) > 0
            ? MonitorWriteStatus.Deleted
            : MonitorWriteStatus.NotFound;

    private static MonitorRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInstant(2), r.GetInstant(3), r.GetNullableInstant(4), r.GetNullableInstant(5),
        r.GetNullableInstant(6), r.GetNullableInstant(7), r.GetNullableInt32(8), r.GetNullableInt64(9));
}
