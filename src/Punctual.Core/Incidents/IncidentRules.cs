namespace Punctual.Core.Incidents;

/// <summary>What to do with a cause's incident at one pass of the alerter.</summary>
public enum IncidentAction
{
    None,

    /// <summary>The cause holds and no incident is open: open one and alert its channels.</summary>
    Open,

    /// <summary>The cause holds, its incident is open, and its re-alert time came: alert again.</summary>
    Repeat,

    /// <summary>The cause no longer holds: close the incident and send one recovery message.</summary>
    Close,

    /// <summary>The cause holds and got worse than its open incident says (late → down): say so once, on the same incident.</summary>
    Escalate,
}

/// <summary>
/// Incidents, not spam: one open incident per cause, one message when it opens, one when it clears, and in between
/// only the re-alerts the owner asked for (<c>repeat</c>) and one message when it gets worse (escalation).
/// </summary>
public static class IncidentRules
{
    /// <param name="isOpen">Whether the cause has an open incident.</param>
    /// <param name="nextAlertAt">When the open incident is due to re-alert (null: never).</param>
    /// <param name="active">Whether the cause holds now.</param>
    /// <param name="now">The decision instant.</param>
    /// <param name="escalates">Whether the cause is now worse than what its open incident says.</param>
    public static IncidentAction Decide(bool isOpen, DateTimeOffset? nextAlertAt, bool active, DateTimeOffset now, bool escalates = false) =>
        (isOpen, active) switch
        {
            (false, true) => IncidentAction.Open,
            (true, false) => IncidentAction.Close,
            (true, true) when escalates => IncidentAction.Escalate,
            (true, true) when nextAlertAt is { } next && next <= now => IncidentAction.Repeat,
            _ => IncidentAction.None,
        };

    /// <summary>When an incident alerted at <paramref name="alertedAt"/> alerts again; null without <paramref name="repeat"/>.</summary>
    public static DateTimeOffset? NextAlertAt(TimeSpan? repeat, DateTimeOffset alertedAt) => repeat is { } r ? alertedAt + r : null;
}
