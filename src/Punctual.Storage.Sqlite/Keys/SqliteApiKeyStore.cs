using Punctual.Storage.Keys;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Keys;

internal sealed class SqliteApiKeyStore(Database database) : IApiKeyStore
{
    public Task<ApiKeyRecord> CreateAsync(ApiKeyCreateRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync(
            $"creating API key '{request.Name}'",
            session => ApiKeyRows.InsertAsync(session, request.Name, request.Prefix, request.Hash, request.Scope, request.Now, cancellationToken),
            cancellationToken);

    /// <summary>
    /// The bootstrap admin key: given the same token at every start, nothing changes. Given a new token, the
    /// name's active keys are revoked and the new one takes their place. A token seen before (a revoked key, or
    /// a key under another name) is taken over rather than inserted twice, since a hash identifies one secret.
    /// </summary>
    public Task<ApiKeyRecord> UpsertByNameAsync(ApiKeyUpsertRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"setting API key '{request.Name}'", async session =>
        {
            var known = await ApiKeyRows.FindByHashAsync(session, request.Hash, cancellationToken);
            if (known is { RevokedAt: null } && known.Name == request.Name)
            {
                return known;
            }

            await session.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL;",
                cancellationToken,
                ("@name", request.Name), ("@now", request.Now));
            if (known is null)
            {
                return await ApiKeyRows.InsertAsync(session, request.Name, request.Prefix, request.Hash, request.Scope, request.Now, cancellationToken);
            }

            await session.ExecuteAsync(
                "UPDATE api_keys SET name = @name, prefix = @prefix, scope = @scope, revoked_at = NULL WHERE id = @id;",
                cancellationToken,
                ("@id", known.Id), ("@name", request.Name), ("@prefix", request.Prefix), ("@scope", request.Scope));
            return (await ApiKeyRows.FindByIdAsync(session, known.Id, cancellationToken))!;
        }, cancellationToken);

    public Task<ApiKeyRecord?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken) =>
        database.ReadAsync(
            "looking up an API key",
            session => session.QuerySingleAsync(
                $"{ApiKeyRows.Select} WHERE hash = @hash AND revoked_at IS NULL;", ApiKeyRows.Read, cancellationToken, ("@hash", hash)),
            cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKeyRecord>>(
            "listing API keys",
            async session => await session.QueryAsync($"{ApiKeyRows.Select} ORDER BY id;", ApiKeyRows.Read, cancellationToken),
            cancellationToken);

    public Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync($"revoking API key {id}", async session =>
        {
            var revoked = await session.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL;",
                cancellationToken,
                ("@id", id), ("@now", now));
            return revoked == 1;
        }, cancellationToken);

    public Task<int> CountActiveAsync(CancellationToken cancellationToken) =>
        database.ReadAsync("counting API keys", async session =>
        {
            var count = await session.ScalarAsync("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL;", cancellationToken);
            return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
}
