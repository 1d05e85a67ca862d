namespace Punctual.Client;

/// <summary>What an outage of every node over a window would create on restart (<c>GET /outage-forecast</c>).</summary>
public sealed record OutageForecast
{
    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    /// <summary>The attempt duration the drain times assume (it matters under a concurrency cap), as <c>1s</c>.</summary>
    public string AttemptDuration { get; init; } = "";

    /// <summary>Fires that would fall due during the outage, across all jobs.</summary>
    public long Fires { get; init; }

    /// <summary>Runs the jobs' catch-up policies would create on restart (the other fires are recorded skipped).</summary>
    public long Runs { get; init; }

    /// <summary>
    /// Runs the jobs had active when a past outage began: left waiting, they are released with the new runs (and a
    /// <c>forbid</c> job skips its fires behind them). Always 0 for a window in the future.
    /// </summary>
    public long WaitingAtStart { get; init; }

    public int JobsAffected { get; init; }

    /// <summary>The jobs with the most runs first (as many as the request's limit).</summary>
    public IReadOnlyList<JobOutage> Jobs { get; init; } = [];

    /// <summary>The gates with the longest drain first.</summary>
    public IReadOnlyList<GateOutage> Gates { get; init; } = [];
}

public sealed record JobOutage
{
    public string Job { get; init; } = "";

    /// <summary>The job's gate; null for a command job without a named gate (it goes through none).</summary>
    public string? Gate { get; init; }

    public long Fires { get; init; }

    public long Runs { get; init; }

    public long Skipped { get; init; }

    /// <summary>This job's runs left active from before the outage.</summary>
    public int WaitingAtStart { get; init; }
}

public sealed record GateOutage
{
    public string Gate { get; init; } = "";

    public string Rate { get; init; } = "";

    public int Burst { get; init; }

    public int? Concurrency { get; init; }

    public bool Adaptive { get; init; }

    /// <summary>Runs queued through the gate on restart: the new ones and those left waiting from before the outage.</summary>
    public long Runs { get; init; }

    /// <summary>Time from restart until the gate has released its last run, as <c>4m10s</c>.</summary>
    public string Drain { get; init; } = "";

    public double DrainSeconds { get; init; }
}
