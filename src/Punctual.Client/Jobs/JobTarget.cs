using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>What an attempt of a job does. Today an HTTP request; other kinds keep their members in <see cref="AdditionalProperties"/>.</summary>
public sealed record JobTarget
{
    public string? Method { get; init; }

    public string? Url { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Any JSON; null (or undefined) when the request has no body.</summary>
    public JsonElement? Body { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>A job's retry policy: attempts, backoff range (<c>10s..10m</c>), optional overall deadline, extra retryable statuses.</summary>
public sealed record JobRetry
{
    public int Attempts { get; init; }

    public string? Backoff { get; init; }

    public string? Within { get; init; }

    public IReadOnlyList<int>? OnStatus { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
