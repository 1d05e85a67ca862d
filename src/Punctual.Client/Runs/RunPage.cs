using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>One page of runs, newest first; pass <see cref="NextCursor"/> as <see cref="RunQuery.Cursor"/> for the next (null on the last).</summary>
public sealed record RunPage
{
    public IReadOnlyList<Run> Items { get; init; } = [];

    [JsonConverter(typeof(CursorJsonConverter))]
    public string? NextCursor { get; init; }
}

/// <summary>Filters and paging of a run listing; every member is optional (limit 1..1000, server default 100).</summary>
public sealed record RunQuery
{
    public string? Job { get; init; }

    public string? State { get; init; }

    public string? Origin { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}
