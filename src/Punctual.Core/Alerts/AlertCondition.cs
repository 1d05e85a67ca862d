namespace Punctual.Core.Alerts;

/// <summary>
/// Whether one cause of alerts holds right now. <see cref="Cause"/> identifies the incident (one open incident per
/// cause), e.g. <c>job:nightly:dead</c>; <see cref="Summary"/> and <see cref="Detail"/> are what the alert says.
/// <see cref="EscalatesFrom"/>: the milder summary this condition is worse than (a monitor down after it was late); an
/// open incident that still says it is escalated once to this summary, and its channels are told.
/// </summary>
public sealed record AlertCondition(string Cause, AlertKind Kind, string Subject, bool Active, string Summary, string? Detail, string? EscalatesFrom = null)
{
    public static string JobCause(string job, AlertKind kind) => $"job:{job}:{AlertKinds.ToText(kind)}";

    public static string MonitorCause(string monitor) => $"monitor:{monitor}";

    public static string GateBacklogCause(string gate) => $"gate:{gate}:backlog";
}
