namespace Punctual.Client;

/// <summary>What a backfill did (<c>POST /jobs/{name}/backfill</c>): the range's fires, and how many runs it created.</summary>
public sealed record BackfillResult
{
    public string Job { get; init; } = "";

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Fires of the job's schedule in the range.</summary>
    public int Fires { get; init; }

    /// <summary>Runs created (or, for a dry run, that would be).</summary>
    public int Created { get; init; }

    /// <summary>Fires that already had a run, and kept it.</summary>
    public int Existing { get; init; }
}

/// <summary>A range's fires by the state of their runs (<c>GET /jobs/{name}/backfill</c>).</summary>
public sealed record BackfillProgress
{
    public string Job { get; init; } = "";

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    public long Fires { get; init; }

    /// <summary>Pending or waiting for a retry: queued in the job's gate or for their due time.</summary>
    public long Waiting { get; init; }

    public long Running { get; init; }

    public long Succeeded { get; init; }

    public long Dead { get; init; }

    public long Skipped { get; init; }

    public long Cancelled { get; init; }

    /// <summary>Nothing of the range is waiting or running any more.</summary>
    public bool Done { get; init; }

    /// <summary>Fires whose run has settled (succeeded, dead, skipped or cancelled).</summary>
    public long Settled => Succeeded + Dead + Skipped + Cancelled;
}
