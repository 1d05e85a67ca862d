using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>
/// What an attempt of a job does: an HTTP request (<see cref="Url"/>) or a command run on a node (<see cref="Command"/>).
/// Other kinds keep their members in <see cref="AdditionalProperties"/>. Members the server did not send are not
/// written back, so serializing a target gives the server's JSON (an HTTP target has no <c>command</c>, and so on).
/// </summary>
public sealed record JobTarget
{
    /// <summary>A command target's program and arguments (no shell); null for an HTTP target.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>A command's extra environment variables (values may be <c>${env:NAME}</c> references).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>A command's absolute working directory.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Workdir { get; init; }

    /// <summary>A command's exit codes that make a run dead at once instead of retried.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? PermanentExitCodes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Method { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Any JSON; null (or undefined) when the request has no body.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
