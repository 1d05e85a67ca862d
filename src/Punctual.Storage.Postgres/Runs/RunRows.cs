using Npgsql;
using Punctual.Core.Runs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// How a <see cref="RunRecord"/> is selected and read back. <see cref="Columns"/> expects the run aliased <c>r</c>
/// and its job (left-joined: tasks have none) aliased <c>j</c>, which supplies the job's name.
/// </summary>
internal static class RunRows
{
    public const string Columns =
        "r.id, r.job_id, j.name, r.origin, r.scheduled_for, r.due_at, r.state, r.idempotency_key, r.task_key, r.period, "
        + "r.exclusive, r.attempt_count, r.attempt_base, r.fire_count, r.lease_owner, r.lease_expires_at, r.deadline_at, "
        + "r.reason, r.last_status_code, r.last_error_class, r.body_override, r.created_at, r.started_at, r.finished_at, r.updated_at, r.gate";

    public const int ColumnCount = 26;

    /// <summary>Select list plus the join; append WHERE / ORDER BY.</summary>
    public const string Select = $"SELECT {Columns} FROM runs r LEFT JOIN jobs j ON j.id = r.job_id";

    /// <summary>
    /// What a claim or a lease expiry needs beside the run, appended after <see cref="Columns"/>: the spec that
    /// governs the run (its job's, or the task's own) and whether that spec is a task spec.
    /// </summary>
    public const string SpecColumns = "COALESCE(j.spec_json, r.task_spec), r.job_id IS NULL";

    public static RunRecord Read(NpgsqlDataReader reader) => Read(reader, 0);

    public static RunRecord Read(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetNullableInt64(first + 1),
        reader.GetNullableString(first + 2),
        RunOrigins.Parse(reader.GetString(first + 3)),
        reader.GetInstant(first + 4),
        reader.GetInstant(first + 5),
        RunStates.Parse(reader.GetString(first + 6)),
        reader.GetString(first + 7),
        reader.GetNullableString(first + 8),
        reader.GetNullableString(first + 9),
        reader.GetBoolean(first + 10),
        reader.GetInt32(first + 11),
        reader.GetInt32(first + 12),
        reader.GetInt64(first + 13),
        reader.GetNullableString(first + 14),
        reader.GetNullableInstant(first + 15),
        reader.GetNullableInstant(first + 16),
        reader.GetNullableString(first + 17),
        reader.GetNullableInt32(first + 18),
        reader.GetNullableString(first + 19),
        reader.GetNullableString(first + 20),
        reader.GetInstant(first + 21),
        reader.GetNullableInstant(first + 22),
        reader.GetNullableInstant(first + 23),
        reader.GetInstant(first + 24),
        reader.GetNullableString(first + 25));

    /// <summary>Run <paramref name="id"/>; with <paramref name="forUpdate"/>, its row is locked until the transaction ends.</summary>
    public static Task<RunRecord?> FindAsync(Session session, long id, CancellationToken cancellationToken, bool forUpdate = false) =>
        session.QuerySingleAsync(
            $"{Select} WHERE r.id = @id{(forUpdate ? " FOR UPDATE OF r" : "")};",
            Read,
            cancellationToken,
            ("id", id));
}
