using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>An RFC 9457 problem document, as the API sends with every 4xx/5xx answer.</summary>
public sealed record ApiProblem
{
    /// <summary>A URI naming the kind of problem, e.g. <c>https://punctual.dev/problems/invalid-input</c>.</summary>
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public string? Instance { get; init; }

    /// <summary>Every offending field (422 answers); empty when the problem is not about fields.</summary>
    public IReadOnlyList<ApiFieldError> Errors { get; init; } = [];

    /// <summary>Members this SDK version does not know, kept so nothing the server said is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>One invalid field: its path (e.g. <c>jobs.nightly.retry.attempts</c>) and what is wrong with it.</summary>
public sealed record ApiFieldError(string Field, string Message);
