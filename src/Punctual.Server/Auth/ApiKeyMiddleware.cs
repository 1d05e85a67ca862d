using System.Collections.Concurrent;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Keys;

namespace Punctual.Server.Auth;

/// <summary>
/// Bearer API keys for every endpoint that carries <see cref="RequiredScope"/>: 401 without a valid key, 403 when
/// its scope is too small. Valid keys are cached for a few seconds so a burst of calls is not a burst of reads;
/// a revoked key stops working within that time.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IPunctualStore store, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (ApiKeyRecord Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>();
        if (required is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            await ApiProblem.Unauthorized("send an API key as 'Authorization: Bearer <key>'").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var key = await FindAsync(header["Bearer ".Length..].Trim(), context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            await ApiProblem.Unauthorized("the API key is not valid (unknown or revoked)").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!Scopes.TryParse(key.Scope, out var scope) || scope < required.Scope)
        {
            await ApiProblem.Forbidden($"this call needs an API key with scope '{Scopes.ToText(required.Scope)}'; this key has '{key.Scope}'")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Items[typeof(ApiKeyRecord)] = key;
        await next(context).ConfigureAwait(false);
    }

    private async Task<ApiKeyRecord?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ApiKeyTokens.Hash(token);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Key;
        }

        var key = await store.ApiKeys.FindActiveByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }

        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }

        _cache[hash] = (key, now + CacheFor);
        return key;
    }
}
