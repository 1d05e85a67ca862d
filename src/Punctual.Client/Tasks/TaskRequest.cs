using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>
/// A one-shot task: call <see cref="Target"/> at <see cref="At"/> (or after <see cref="Delay"/>, or now).
/// A <see cref="Key"/> makes creation idempotent: the same key returns the existing run.
/// </summary>
public sealed record TaskRequest
{
    public TaskTarget Target { get; init; } = new();

    /// <summary>When to run; an instant in the past means now.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? At { get; init; }

    /// <summary>A duration such as <c>10m</c>, instead of <see cref="At"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Delay { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Timeout { get; init; }

    /// <summary>A retry policy object as in a job definition (<c>{ "attempts": 5, "backoff": "10s..10m" }</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Retry { get; init; }

    /// <summary>The named gate the task goes through (it must exist); without one, the target host's gate.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gate { get; init; }
}

/// <summary>The HTTP request a task makes. Method defaults to POST on the server.</summary>
public sealed record TaskTarget
{
    public string Url { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Method { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Body { get; init; }
}

/// <summary>The answer of a task creation: the run, and whether it was created (201) rather than found by its key (200).</summary>
public sealed record TaskCreation(Run Run, bool Created);
