using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>One page of jobs, by name; <see cref="NextCursor"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record JobPage
{
    public IReadOnlyList<Job> Items { get; init; } = [];

    [JsonConverter(typeof(CursorJsonConverter))]
    public string? NextCursor { get; init; }
}

/// <summary>One upcoming fire of a job: its nominal time and its due time (with jitter).</summary>
public sealed record JobFire(DateTimeOffset ScheduledFor, DateTimeOffset DueAt);

/// <summary>The answer of a PUT: the job, and whether it was created (201) rather than replaced (200).</summary>
public sealed record JobPut(Job Job, bool Created);
