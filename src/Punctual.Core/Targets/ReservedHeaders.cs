namespace Punctual.Core.Targets;

/// <summary>
/// Headers a target may not set: Punctual sets them on every attempt (identity, tracing, signatures),
/// or HTTP itself owns them.
/// </summary>
public static class ReservedHeaders
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "Idempotency-Key", "traceparent", "tracestate", "Host", "Content-Length", "Transfer-Encoding",
        "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Connection",
        "webhook-id", "webhook-timestamp", "webhook-signature",
    };

    /// <summary>Names that carry credentials: their values must be <c>${env:NAME}</c> references, never literals.</summary>
    private static readonly HashSet<string> CredentialNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token",
    };

    public static bool IsReserved(string name) =>
        Names.Contains(name) || name.StartsWith("Punctual-", StringComparison.OrdinalIgnoreCase);

    public static bool CarriesCredentials(string name) =>
        CredentialNames.Contains(name)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase);
}
