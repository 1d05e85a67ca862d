using System.Text.Json;
using Npgsql;
using Punctual.Core.Alerts;
using Punctual.Storage.Alerts;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Alerts;

/// <summary>Incident and delivery rows: the columns read back, and the messages enqueued with each incident change.</summary>
internal static class IncidentRows
{
    public const string Columns =
        "i.id, i.cause, i.kind, i.subject, i.summary, i.detail, i.channels, i.opened_at, i.last_alert_at, i.next_alert_at, i.repeat_ms, i.alerts, i.closed_at, i.resolution";

    public const string DeliveryColumns =
        "d.id, d.incident_id, d.channel, d.event, d.state, d.attempts, d.last_error, d.created_at, d.due_at, d.sent_at";

    public static IncidentRecord Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetInt64(offset),
        reader.GetString(offset + 1),
        AlertKinds.Parse(reader.GetString(offset + 2)),
        reader.GetString(offset + 3),
        reader.GetString(offset + 4),
        reader.GetNullableString(offset + 5),
        JsonSerializer.Deserialize<List<string>>(reader.GetString(offset + 6)) ?? [],
        reader.GetInstant(offset + 7),
        reader.GetInstant(offset + 8),
        reader.GetNullableInstant(offset + 9),
        reader.GetNullableInt64(offset + 10) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        reader.GetInt32(offset + 11),
        reader.GetNullableInstant(offset + 12),
        reader.GetNullableString(offset + 13));

    public static DeliveryRecord ReadDelivery(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetInt64(offset),
        reader.GetInt64(offset + 1),
        reader.GetString(offset + 2),
        reader.GetString(offset + 3),
        reader.GetString(offset + 4),
        reader.GetInt32(offset + 5),
        reader.GetNullableString(offset + 6),
        reader.GetInstant(offset + 7),
        reader.GetInstant(offset + 8),
        reader.GetNullableInstant(offset + 9));

    /// <summary>One pending message per channel of the incident, due at once.</summary>
    public static async Task EnqueueAsync(Session session, long incidentId, IReadOnlyList<string> channels, string @event, string summary, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            await session.ExecuteAsync(
                """
                INSERT INTO alert_deliveries (incident_id, channel, event, summary, state, due_at, created_at)
                VALUES (@incident, @channel, @event, @summary, 'pending', @now, @now);
                """,
                cancellationToken,
                ("incident", incidentId), ("channel", channel), ("event", @event), ("summary", summary), ("now", now));
        }
    }

    public static Task<IncidentRecord?> GetAsync(Session session, long id, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM incidents i WHERE i.id = @id;", r => Read(r), cancellationToken, ("id", id));
}
