namespace Punctual.Client;

/// <summary>
/// An incident (<c>GET /incidents</c>): one per cause while open (<c>job:NAME:dead|missed|slow</c>,
/// <c>monitor:NAME</c>), with the messages sent for it to each channel.
/// </summary>
public sealed record Incident
{
    public long Id { get; init; }

    public string Cause { get; init; } = "";

    /// <summary><c>dead</c>, <c>missed</c>, <c>slow</c> or <c>monitor_down</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The job or monitor it is about.</summary>
    public string Subject { get; init; } = "";

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "";

    public string Summary { get; init; } = "";

    public string? Detail { get; init; }

    public IReadOnlyList<string> Channels { get; init; } = [];

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset LastAlertAt { get; init; }

    public DateTimeOffset? NextAlertAt { get; init; }

    /// <summary>How many times it alerted (opening included).</summary>
    public int Alerts { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? Resolution { get; init; }

    public IReadOnlyList<IncidentDelivery> Deliveries { get; init; } = [];

    /// <summary>Deliveries given up after their retries.</summary>
    public int FailedDeliveries { get; init; }
}

/// <summary>One message of an incident to one channel: <c>opened</c>, <c>repeat</c> or <c>resolved</c>; <c>pending</c>, <c>sent</c> or <c>failed</c>.</summary>
public sealed record IncidentDelivery
{
    public long Id { get; init; }

    public string Channel { get; init; } = "";

    public string Event { get; init; } = "";

    public string State { get; init; } = "";

    public int Attempts { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }
}
