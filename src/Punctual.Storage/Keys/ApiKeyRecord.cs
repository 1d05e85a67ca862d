namespace Punctual.Storage.Keys;

/// <summary>
/// An API key. Only a hash of the secret is stored (<see cref="Hash"/>, hex SHA-256); <see cref="Prefix"/> is the
/// first characters of the token, shown so a user can tell keys apart. <see cref="Scope"/>: read, write or admin.
/// </summary>
public sealed record ApiKeyRecord(
    long Id,
    string Name,
    string Prefix,
    string Hash,
    string Scope,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

public sealed record ApiKeyCreateRequest(string Name, string Prefix, string Hash, string Scope, DateTimeOffset Now);

/// <summary>Makes <see cref="Hash"/> the one key named <see cref="Name"/> (replacing an earlier one of that name): used for the bootstrap admin key.</summary>
public sealed record ApiKeyUpsertRequest(string Name, string Prefix, string Hash, string Scope, DateTimeOffset Now);

public interface IApiKeyStore
{
    Task<ApiKeyRecord> CreateAsync(ApiKeyCreateRequest request, CancellationToken cancellationToken);

    Task<ApiKeyRecord> UpsertByNameAsync(ApiKeyUpsertRequest request, CancellationToken cancellationToken);

    /// <summary>The active (not revoked) key with this hash, or null.</summary>
    Task<ApiKeyRecord?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes a key; false when there is no such active key.</summary>
    Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(CancellationToken cancellationToken);
}
