using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>The answer of <c>GET /healthz</c>: <c>ok</c> once the store is migrated and the loops run.</summary>
public sealed record Health
{
    public string Status { get; init; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
