using System.Text.Json;
using Npgsql;
using Punctual.Core.Alerts;
using Punctual.Storage.Alerts;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Alerts;

internal sealed class PostgresAlertStore(Database database) : IAlertStore
{
    public Task<IReadOnlyList<ChannelRecord>> ListChannelsAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ChannelRecord>>("listing channels", async session =>
            await session.QueryAsync("SELECT name, spec_json, created_at, updated_at FROM channels ORDER BY name;", ReadChannel, cancellationToken),
            cancellationToken);

    public Task<ChannelRecord?> GetChannelAsync(string name, CancellationToken cancellationToken) =>
        database.RunAsync($"reading channel '{name}'", session =>
            session.QuerySingleAsync("SELECT name, spec_json, created_at, updated_at FROM channels WHERE name = @name;", ReadChannel, cancellationToken, ("name", name)),
            cancellationToken);

    public Task<ChannelWriteStatus> UpsertChannelAsync(ChannelUpsertRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"writing channel '{request.Name}'", session => ChannelRows.UpsertAsync(session, request, cancellationToken), cancellationToken);

    public Task<ChannelWriteStatus> DeleteChannelAsync(string name, CancellationToken cancellationToken) =>
        database.RunAsync($"deleting channel '{name}'", session => ChannelRows.DeleteAsync(session, name, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<AlertingJob>> ListAlertingJobsAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<AlertingJob>>("listing jobs with alerts", async session =>
            await session.QueryAsync(
                """SELECT name, spec_json FROM jobs WHERE spec_json LIKE '%"alert":{%' ORDER BY name;""",
                r => new AlertingJob(r.GetString(0), r.GetString(1)),
                cancellationToken),
            cancellationToken);

    public Task<JobAlertFacts?> GetJobFactsAsync(JobFactsRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"reading the alert facts of job '{request.Job}'", async session =>
        {
            if (await session.ScalarAsync("SELECT id FROM jobs WHERE name = @name;", cancellationToken, ("name", request.Job)) is not long jobId)
            {
                return null;
            }

            var finished = await session.QueryAsync(
                """
                SELECT id, state, finished_at, reason FROM runs
                WHERE job_id = @job AND state IN ('dead', 'succeeded') AND finished_at IS NOT NULL
                ORDER BY finished_at DESC, id DESC LIMIT @limit;
                """,
                r => new FinishedRunFact(r.GetInt64(0), r.GetString(1) == "dead", r.GetInstant(2), r.GetNullableString(3)),
                cancellationToken,
                ("job", jobId), ("limit", request.FinishedRuns));
            var latest = await session.QuerySingleAsync(
                """
                SELECT id, scheduled_for, started_at, state, reason FROM runs
                WHERE job_id = @job AND origin = 'schedule'
                ORDER BY scheduled_for DESC LIMIT 1;
                """,
                r => new ScheduledRunFact(r.GetInt64(0), r.GetInstant(1), r.GetNullableInstant(2), r.GetString(3), r.GetNullableString(4)),
                cancellationToken,
                ("job", jobId));
            var running = await session.ScalarAsync(
                "SELECT MIN(started_at) FROM runs WHERE job_id = @job AND state = 'running';", cancellationToken, ("job", jobId));
            return new JobAlertFacts(finished, latest, running is DateTimeOffset since ? since : running is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null);
        }, cancellationToken);

    public Task<IReadOnlyList<IncidentRecord>> ListOpenIncidentsAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<IncidentRecord>>("listing open incidents", async session =>
            await session.QueryAsync($"SELECT {IncidentRows.Columns} FROM incidents i WHERE i.closed_at IS NULL ORDER BY i.cause;", r => IncidentRows.Read(r), cancellationToken),
            cancellationToken);

    public Task<IncidentRecord?> OpenIncidentAsync(IncidentOpenRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"opening an incident for '{request.Cause}'", async session =>
        {
            var next = Core.Incidents.IncidentRules.NextAlertAt(request.Repeat, request.Now);
            var id = await session.ScalarAsync(
                """
                INSERT INTO incidents (cause, kind, subject, summary, detail, channels, opened_at, last_alert_at, next_alert_at, repeat_ms)
                VALUES (@cause, @kind, @subject, @summary, @detail, @channels, @now, @now, @next, @repeat)
                ON CONFLICT (cause) WHERE closed_at IS NULL DO NOTHING
                RETURNING id;
                """,
                cancellationToken,
                ("cause", request.Cause), ("kind", AlertKinds.ToText(request.Kind)), ("subject", request.Subject),
                ("summary", request.Summary), ("detail", request.Detail), ("channels", JsonSerializer.Serialize(request.Channels)),
                ("now", request.Now), ("next", next), ("repeat", request.Repeat is { } r ? (long)r.TotalMilliseconds : null));
            if (id is not long incidentId)
            {
                return null;
            }

            await IncidentRows.EnqueueAsync(session, incidentId, request.Channels, "opened", request.Summary, request.Now, cancellationToken);
            return await IncidentRows.GetAsync(session, incidentId, cancellationToken);
        }, cancellationToken);

    public Task<bool> RepeatIncidentAsync(IncidentRepeatRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"re-alerting incident {request.Id}", async session =>
        {
            var changed = await session.ExecuteAsync(
                """
                UPDATE incidents SET last_alert_at = @now, next_alert_at = @next, alerts = alerts + 1
                WHERE id = @id AND closed_at IS NULL AND next_alert_at = @expected;
                """,
                cancellationToken,
                ("id", request.Id), ("now", request.Now), ("next", request.NextAlertAt), ("expected", request.ExpectedNextAlertAt));
            if (changed == 0)
            {
                return false;
            }

            var incident = (await IncidentRows.GetAsync(session, request.Id, cancellationToken))!;
            await IncidentRows.EnqueueAsync(session, incident.Id, incident.Channels, "repeat", incident.Summary, request.Now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> EscalateIncidentAsync(IncidentEscalateRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"escalating incident {request.Id}", async session =>
        {
            var changed = await session.ExecuteAsync(
                """
                UPDATE incidents SET summary = @summary, detail = @detail, last_alert_at = @now, next_alert_at = @next, alerts = alerts + 1
                WHERE id = @id AND closed_at IS NULL AND summary = @expected;
                """,
                cancellationToken,
                ("id", request.Id), ("summary", request.Summary), ("detail", request.Detail), ("now", request.Now),
                ("next", request.NextAlertAt), ("expected", request.ExpectedSummary));
            if (changed == 0)
            {
                return false;
            }

            var incident = (await IncidentRows.GetAsync(session, request.Id, cancellationToken))!;
            await IncidentRows.EnqueueAsync(session, incident.Id, incident.Channels, "escalated", incident.Summary, request.Now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> CloseIncidentAsync(IncidentCloseRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"closing incident {request.Id}", async session =>
        {
            var changed = await session.ExecuteAsync(
                "UPDATE incidents SET closed_at = @now, next_alert_at = NULL, resolution = @resolution WHERE id = @id AND closed_at IS NULL;",
                cancellationToken,
                ("id", request.Id), ("now", request.Now), ("resolution", request.Resolution));
            if (changed == 0)
            {
                return false;
            }

            var incident = (await IncidentRows.GetAsync(session, request.Id, cancellationToken))!;
            await IncidentRows.EnqueueAsync(session, incident.Id, incident.Channels, "resolved", request.Resolution, request.Now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(IncidentListRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync<IReadOnlyList<IncidentView>>("listing incidents", async session =>
        {
            var incidents = await session.QueryAsync(
                $"SELECT {IncidentRows.Columns} FROM incidents i {(request.OpenOnly ? "WHERE i.closed_at IS NULL" : "")} ORDER BY i.id DESC LIMIT @limit;",
                r => IncidentRows.Read(r),
                cancellationToken,
                ("limit", request.Limit));
            var ids = incidents.Select(i => i.Id).ToArray();
            var deliveries = await session.QueryAsync(
                $"SELECT {IncidentRows.DeliveryColumns} FROM alert_deliveries d WHERE d.incident_id = ANY(@ids) ORDER BY d.id;",
                r => IncidentRows.ReadDelivery(r),
                cancellationToken,
                ("ids", ids));
            var byIncident = deliveries.ToLookup(d => d.IncidentId);
            return incidents.Select(i => new IncidentView(i, byIncident[i.Id].ToList())).ToList();
        }, cancellationToken);

    /// <remarks>One statement, atomic by itself: no transaction around it (an idle poll costs one statement, not three).</remarks>
    public Task<IReadOnlyList<AlertDelivery>> ClaimDeliveriesAsync(DeliveryClaimRequest request, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<AlertDelivery>>("claiming alert deliveries", async session =>
            await session.QueryAsync(
                $"""
                WITH due AS (
                    SELECT id FROM alert_deliveries
                    WHERE state = 'pending' AND due_at <= @now AND (lease_expires_at IS NULL OR lease_expires_at <= @now)
                    ORDER BY due_at, id LIMIT @limit
                    FOR UPDATE SKIP LOCKED),
                claimed AS (
                    UPDATE alert_deliveries d SET lease_owner = @owner, lease_expires_at = @until, attempts = d.attempts + 1
                    FROM due WHERE d.id = due.id
                    RETURNING d.*)
                SELECT {IncidentRows.DeliveryColumns}, {IncidentRows.Columns}, c.spec_json, d.summary
                FROM claimed d JOIN incidents i ON i.id = d.incident_id LEFT JOIN channels c ON c.name = d.channel
                ORDER BY d.id;
                """,
                r => new AlertDelivery(IncidentRows.ReadDelivery(r), IncidentRows.Read(r, 10), r.GetNullableString(24), r.GetString(25)),
                cancellationToken,
                ("owner", request.Owner), ("until", request.LeaseUntil), ("now", request.Now), ("limit", request.Limit)),
            cancellationToken);

    public Task<bool> CompleteDeliveryAsync(DeliveryCompletion completion, CancellationToken cancellationToken) =>
        database.RunAsync($"recording alert delivery {completion.Id}", async session =>
            await session.ExecuteAsync(
                """
                UPDATE alert_deliveries
                SET state = @state, sent_at = @sent, due_at = COALESCE(@retry, due_at), last_error = @error,
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = @id AND lease_owner = @owner AND state = 'pending';
                """,
                cancellationToken,
                ("id", completion.Id), ("owner", completion.Owner),
                ("state", completion.Delivered ? "sent" : completion.RetryAt is null ? "failed" : "pending"),
                ("sent", completion.Delivered ? completion.Now : null),
                ("retry", completion.Delivered ? null : completion.RetryAt), ("error", completion.Error)) > 0,
            cancellationToken);

    public Task<int> PruneIncidentsAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken) =>
        database.RunAsync("pruning closed incidents", session =>
            session.ExecuteAsync(
                "DELETE FROM incidents WHERE id IN (SELECT id FROM incidents WHERE closed_at < @before ORDER BY id LIMIT @limit);",
                cancellationToken, ("before", closedBefore), ("limit", limit)),
            cancellationToken);

    private static ChannelRecord ReadChannel(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInstant(2), r.GetInstant(3));
}
