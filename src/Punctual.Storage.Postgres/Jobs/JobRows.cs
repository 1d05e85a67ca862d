using Npgsql;
using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>How a <see cref="JobRecord"/> is selected from (alias <c>j</c>) and read back.</summary>
internal static class JobRows
{
    public const string Columns =
        "j.id, j.name, j.spec_json, j.paused, j.next_fire_at, j.next_due_at, j.runs_counted, j.missed_fires, j.version, j.created_at, j.updated_at";

    public const int ColumnCount = 11;

    public static JobRecord Read(NpgsqlDataReader reader) => Read(reader, 0);

    public static JobRecord Read(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetBoolean(first + 3),
        reader.GetNullableInstant(first + 4),
        reader.GetNullableInstant(first + 5),
        reader.GetInt32(first + 6),
        reader.GetInt64(first + 7),
        reader.GetInt64(first + 8),
        reader.GetInstant(first + 9),
        reader.GetInstant(first + 10));

    /// <summary>The job named <paramref name="name"/>; with <paramref name="forUpdate"/>, locked (FOR NO KEY UPDATE, waiting for a holder) until the transaction ends.</summary>
    public static Task<JobRecord?> FindByNameAsync(Session session, string name, CancellationToken cancellationToken, bool forUpdate = false) =>
        session.QuerySingleAsync(
            $"SELECT {Columns} FROM jobs j WHERE j.name = @name{(forUpdate ? " FOR NO KEY UPDATE" : "")};",
            Read,
            cancellationToken,
            ("name", name));
}
