using Microsoft.Data.Sqlite;
using Punctual.Storage.Jobs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>How a <see cref="JobRecord"/> is selected from (alias <c>j</c>) and read back.</summary>
internal static class JobRows
{
    public const string Columns =
        "j.id, j.name, j.spec_json, j.paused, j.next_fire_at, j.next_due_at, j.runs_counted, j.missed_fires, j.version, j.created_at, j.updated_at";

    public const int ColumnCount = 11;

    public static JobRecord Read(SqliteDataReader reader) => Read(reader, 0);

    public static JobRecord Read(SqliteDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetFlag(first + 3),
        reader.GetNullableInstant(first + 4),
        reader.GetNullableInstant(first + 5),
        reader.GetInt32(first + 6),
        reader.GetInt64(first + 7),
        reader.GetInt64(first + 8),
        reader.GetInstant(first + 9),
        reader.GetInstant(first + 10));

    public static Task<JobRecord?> FindByNameAsync(Session session, string name, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM jobs j WHERE j.name = @name;", Read, cancellationToken, ("@name", name));

    public static Task<JobRecord?> FindByIdAsync(Session session, long id, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM jobs j WHERE j.id = @id;", Read, cancellationToken, ("@id", id));
}
