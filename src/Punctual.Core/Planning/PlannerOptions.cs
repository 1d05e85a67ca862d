namespace Punctual.Core.Planning;

/// <summary>Bounds of one planning pass.</summary>
public sealed record PlannerOptions
{
    /// <summary>A fire whose due time is older than this when planned counts as missed and follows the catch-up policy. Default: 1 minute.</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Most runs one pass creates for one job; the rest follow in the next pass. Default: 1,000.</summary>
    public int MaxRunsPerPass { get; init; } = 1_000;

    /// <summary>Most fires one pass walks for one job, so a huge gap is planned in bounded slices. Default: 100,000.</summary>
    public int MaxFiresPerPass { get; init; } = 100_000;

    /// <summary>Skipped fires recorded one row each per pass; beyond this, one row stands for the rest. Default: 100.</summary>
    public int MaxSkippedRowsPerPass { get; init; } = 100;

    public static readonly PlannerOptions Default = new();
}
