using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>
/// An API key as listed: never its secret, only a <see cref="Prefix"/> to tell keys apart. <see cref="Key"/> holds
/// the secret only in the answer of <see cref="PunctualClient.CreateKeyAsync"/>, the one time it is shown.
/// </summary>
public sealed record ApiKey
{
    /// <summary>The key's id; read from a JSON number or string.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long Id { get; init; }

    public string? Name { get; init; }

    public string Prefix { get; init; } = "";

    /// <summary>One of <see cref="KeyScopes"/>.</summary>
    public string Scope { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The secret (<c>pk_…</c>); only set right after creation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>The scopes a key can have; each includes the one before.</summary>
public static class KeyScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];
}
