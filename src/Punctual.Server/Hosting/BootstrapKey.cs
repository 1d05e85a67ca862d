using Punctual.Server.Auth;
using Punctual.Storage;
using Punctual.Storage.Keys;

namespace Punctual.Server.Hosting;

/// <summary>
/// The first admin key. With <c>PUNCTUAL_ADMIN_KEY</c> set, that secret becomes the "bootstrap" admin key (its hash,
/// replacing an earlier bootstrap key). Without it, a store with no keys gets a new admin key, printed once.
/// </summary>
public static class BootstrapKey
{
    public const string Name = "bootstrap";

    public static async Task EnsureAsync(IPunctualStore store, string? adminKey, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (adminKey is not null)
        {
            if (adminKey.Length < ApiKeyTokens.MinLength || adminKey.Any(char.IsWhiteSpace) || adminKey.Any(char.IsControl))
            {
                throw new ArgumentException($"PUNCTUAL_ADMIN_KEY must be at least {ApiKeyTokens.MinLength} characters, without spaces");
            }

            await store.ApiKeys.UpsertByNameAsync(
                new ApiKeyUpsertRequest(Name, ApiKeyTokens.Prefix(adminKey), ApiKeyTokens.Hash(adminKey), Scopes.ToText(Scope.Admin), now),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await store.ApiKeys.CountActiveAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            return;
        }

        var token = ApiKeyTokens.Generate();
        await store.ApiKeys.CreateAsync(
            new ApiKeyCreateRequest(Name, ApiKeyTokens.Prefix(token), ApiKeyTokens.Hash(token), Scopes.ToText(Scope.Admin), now),
            cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Created the first admin API key (shown only this once; export it as PUNCTUAL_KEY):").ConfigureAwait(false);
        await output.WriteLineAsync($"  {token}").ConfigureAwait(false);
    }
}
