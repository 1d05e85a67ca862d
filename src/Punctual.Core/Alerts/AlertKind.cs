namespace Punctual.Core.Alerts;

/// <summary>What an incident is about. Job kinds are chosen per job with <c>alert.on</c>; monitor kinds come with every monitor; gate kinds with a gate's <c>alert</c> block.</summary>
public enum AlertKind
{
    /// <summary>A job's runs went dead (<c>after_failures</c> in a row).</summary>
    Dead,

    /// <summary>A job's latest fire did not start within <c>missed_after</c> of its fire time.</summary>
    Missed,

    /// <summary>A run of the job has been running longer than <c>max_duration</c>.</summary>
    Slow,

    /// <summary>A monitor's expected ping did not come within its grace, or it reported a failure.</summary>
    MonitorDown,

    /// <summary>More runs wait behind a gate than its <c>alert.backlog_above</c> (for at least its <c>alert.for</c>).</summary>
    GateBacklog,
}

public static class AlertKinds
{
    public static string ToText(AlertKind kind) => kind switch
    {
        AlertKind.Dead => "dead",
        AlertKind.Missed => "missed",
        AlertKind.Slow => "slow",
        AlertKind.MonitorDown => "monitor_down",
        AlertKind.GateBacklog => "gate_backlog",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kinds a job's <c>alert.on</c> may list.</summary>
    public static bool TryParseJobKind(string? text, out AlertKind kind)
    {
        (var ok, kind) = text switch
        {
            "dead" => (true, AlertKind.Dead),
            "missed" => (true, AlertKind.Missed),
            "slow" => (true, AlertKind.Slow),
            _ => (false, AlertKind.Dead),
        };
        return ok;
    }

    public static AlertKind Parse(string text) => text switch
    {
        "dead" => AlertKind.Dead,
        "missed" => AlertKind.Missed,
        "slow" => AlertKind.Slow,
        "monitor_down" => AlertKind.MonitorDown,
        "gate_backlog" => AlertKind.GateBacklog,
        _ => throw new FormatException($"'{text}' is not an alert kind"),
    };
}
