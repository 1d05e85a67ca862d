using Npgsql;
using Punctual.Storage.Keys;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Keys;

/// <summary>How an <see cref="ApiKeyRecord"/> is selected and read back.</summary>
internal static class ApiKeyRows
{
    public const string Columns = "id, name, prefix, hash, scope, created_at, revoked_at";

    public const string Select = $"SELECT {Columns} FROM api_keys";

    public static ApiKeyRecord Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInstant(5),
        reader.GetNullableInstant(6));

    public static Task<ApiKeyRecord?> FindByHashAsync(Session session, string hash, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"{Select} WHERE hash = @hash;", Read, cancellationToken, ("hash", hash));

    public static async Task<ApiKeyRecord> InsertAsync(
        Session session,
        string name,
        string prefix,
        string hash,
        string scope,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        (await session.QuerySingleAsync(
            $"INSERT INTO api_keys (name, prefix, hash, scope, created_at) VALUES (@name, @prefix, @hash, @scope, @now) RETURNING {Columns};",
            Read,
            cancellationToken,
            ("name", name), ("prefix", prefix), ("hash", hash), ("scope", scope), ("now", now)))!;
}
