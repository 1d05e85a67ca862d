using Punctual.Storage.Keys;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Keys;

internal sealed class PostgresApiKeyStore(Database database) : IApiKeyStore
{
    public Task<ApiKeyRecord> CreateAsync(ApiKeyCreateRequest request, CancellationToken cancellationToken) =>
        database.RunAsync(
            $"creating API key '{request.Name}'",
            session => ApiKeyRows.InsertAsync(session, request.Name, request.Prefix, request.Hash, request.Scope, request.Now, cancellationToken),
            cancellationToken);

    /// <summary>
    /// The bootstrap admin key: given the same token at every start, nothing changes. Given a new token, the name's
    /// active keys are revoked and the new one takes their place. A token seen before (a revoked key, or a key under
    /// another name) is taken over rather than inserted twice, since a hash identifies one secret. Nodes starting at
    /// once all upsert the same key: the table lock (which admits one upsert at a time, and no other writer of keys
    /// meanwhile — a rare, start-up-only path) makes them decide one after the other.
    /// </summary>
    public Task<ApiKeyRecord> UpsertByNameAsync(ApiKeyUpsertRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync($"setting API key '{request.Name}'", async session =>
        {
            await session.ExecuteAsync("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE;", cancellationToken);
            var known = await ApiKeyRows.FindByHashAsync(session, request.Hash, cancellationToken);
            if (known is { RevokedAt: null } && known.Name == request.Name)
            {
                return known;
            }

            await session.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL;",
                cancellationToken,
                ("name", request.Name), ("now", request.Now));
            if (known is null)
            {
                return await ApiKeyRows.InsertAsync(session, request.Name, request.Prefix, request.Hash, request.Scope, request.Now, cancellationToken);
            }

            return (await session.QuerySingleAsync(
                $"UPDATE api_keys SET name = @name, prefix = @prefix, scope = @scope, revoked_at = NULL WHERE id = @id RETURNING {ApiKeyRows.Columns};",
                ApiKeyRows.Read,
                cancellationToken,
                ("id", known.Id), ("name", request.Name), ("prefix", request.Prefix), ("scope", request.Scope)))!;
        }, cancellationToken);

    public Task<ApiKeyRecord?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken) =>
        database.RunAsync(
            "looking up an API key",
            session => session.QuerySingleAsync(
                $"{ApiKeyRows.Select} WHERE hash = @hash AND revoked_at IS NULL;", ApiKeyRows.Read, cancellationToken, ("hash", hash)),
            cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ApiKeyRecord>>(
            "listing API keys",
            async session => await session.QueryAsync($"{ApiKeyRows.Select} ORDER BY id;", ApiKeyRows.Read, cancellationToken),
            cancellationToken);

    public Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync($"revoking API key {id}", async session => await session.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL;",
            cancellationToken,
            ("id", id), ("now", now)) == 1, cancellationToken);

    public Task<int> CountActiveAsync(CancellationToken cancellationToken) =>
        database.RunAsync("counting API keys", async session =>
            (int)(await session.ScalarAsync("SELECT count(*)::int FROM api_keys WHERE revoked_at IS NULL;", cancellationToken))!,
            cancellationToken);
}
