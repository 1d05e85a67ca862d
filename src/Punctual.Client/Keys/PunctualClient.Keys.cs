using System.Text.Json.Serialization;

namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /keys</c> (admin): every key, revoked ones included, without secrets.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<KeyList>("keys", cancellationToken).ConfigureAwait(false)).Items;

    /// <summary><c>POST /keys</c> (admin): a new key; its secret is in <see cref="ApiKey.Key"/>, and this is the only time it is shown.</summary>
    public async Task<ApiKey> CreateKeyAsync(string scope, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        return (await SendAsync<ApiKey>(HttpMethod.Post, "keys", new CreateKeyRequest(scope, name), cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary><c>DELETE /keys/{id}</c> (admin): revokes the key.</summary>
    public Task RevokeKeyAsync(long id, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(HttpMethod.Delete, "keys/" + Segment(id), cancellationToken);

    private sealed record KeyList(IReadOnlyList<ApiKey> Items);

    private sealed record CreateKeyRequest(
        string Scope,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name);
}
