using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>One try of a run. <see cref="Outcome"/> is succeeded, transient or permanent, and null while in flight.</summary>
public sealed record Attempt
{
    public int Number { get; init; }

    public string? Node { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public long? DurationMs { get; init; }

    public string? Outcome { get; init; }

    public int? StatusCode { get; init; }

    public string? ErrorClass { get; init; }

    public string? Error { get; init; }

    /// <summary>The start of the endpoint's answer, for diagnosis.</summary>
    public string? ResponseExcerpt { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
