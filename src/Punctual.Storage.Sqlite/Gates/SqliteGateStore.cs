using Microsoft.Data.Sqlite;
using Punctual.Core.Alerts;
using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Storage.Gates;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Gates;

internal sealed class SqliteGateStore(Database database) : IGateStore
{
    // Counts come from the per-gate partial indexes: due and waiting runs, and runs in flight.
    private const string Views = $"""
        SELECT {GateRows.Columns},
               (SELECT COUNT(*) FROM runs r WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at <= @now),
               (SELECT COUNT(*) FROM runs r WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at > @now),
               (SELECT COUNT(*) FROM runs r WHERE r.gate = g.name AND r.state = 'running'),
               g.alert_json
        FROM gates g
        WHERE g.kind <> 'defaults'
        """;

    public Task<IReadOnlyList<GateView>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<GateView>>("listing gates", async session =>
        {
            var defaults = await GateRows.DefaultsAsync(session, cancellationToken);
            var views = await session.QueryAsync($"{Views} ORDER BY g.name;", reader => Read(reader, defaults), cancellationToken, ("@now", now));
            return views.OfType<GateView>().ToList();
        }, cancellationToken);

    public Task<GateView?> GetAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync($"reading gate '{name}'", async session =>
        {
            var defaults = await GateRows.DefaultsAsync(session, cancellationToken);
            var views = await session.QueryAsync($"{Views} AND g.name = @name;", reader => Read(reader, defaults), cancellationToken, ("@now", now), ("@name", name));
            return views.FirstOrDefault();
        }, cancellationToken);

    // The run just past the threshold by row number: SQLite's OFFSET cannot name a column of the outer row.
    private const string BacklogAlerts = """
        SELECT g.name, g.alert_json,
               (SELECT COUNT(*) FROM runs r WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at <= @now),
               (SELECT due_at FROM (SELECT r.due_at, ROW_NUMBER() OVER (ORDER BY r.due_at) AS n FROM runs r
                        WHERE r.gate = g.name AND r.state IN ('pending', 'failed') AND r.due_at <= @now)
                WHERE n = g.alert_backlog_above + 1)
        FROM gates g
        WHERE g.alert_backlog_above IS NOT NULL
        ORDER BY g.name;
        """;

    public Task<IReadOnlyList<GateBacklogAlert>> ListBacklogAlertsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<GateBacklogAlert>>("listing gates with backlog alerts", async session =>
            await session.QueryAsync(
                BacklogAlerts,
                reader => new GateBacklogAlert(
                    reader.GetString(0),
                    GateAlertReader.FromJson(reader.GetString(1)),
                    new GateBacklogFacts(reader.GetInt32(2), reader.GetNullableInstant(3))),
                cancellationToken,
                ("@now", now)), cancellationToken);

    public Task<GateWriteResult> UpsertAsync(GateUpsertRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"writing gate '{request.Gate.Name}'", session => GateRows.UpsertAsync(session, request, cancellationToken), cancellationToken);

    public Task<GateWriteResult> DeleteAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync($"deleting gate '{name}'", session => GateRows.DeleteAsync(session, name, cancellationToken), cancellationToken);

    public Task<GateWriteResult> SetPausedAsync(GatePauseRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync(
            $"{(request.Paused ? "pausing" : "resuming")} gate '{request.Name}'",
            session => GateRows.SetPausedAsync(session, request, cancellationToken),
            cancellationToken);

    public Task SetHostDefaultsAsync(GateLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync("writing the host gates' defaults", async session =>
        {
            await GateRows.SetDefaultsAsync(session, limits, now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>A host gate before any defaults were stored has no limits to show; it is left out (it limits nothing yet).</summary>
    private static GateView? Read(SqliteDataReader reader, GateLimits? defaults)
    {
        var row = GateRows.ReadRow(reader);
        var limits = row.Limits ?? defaults;
        return limits is null
            ? null
            : new GateView(
                row.Name,
                reader.GetString(1) == "host",
                limits,
                row.Paused,
                row.State,
                reader.GetInt32(14),
                reader.GetInt32(15),
                reader.GetInt32(16),
                reader.GetInstant(12),
                reader.GetInstant(13),
                reader.IsDBNull(17) ? null : GateAlertReader.FromJson(reader.GetString(17)));
    }
}
