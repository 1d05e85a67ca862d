namespace Punctual.Core.Runs;

/// <summary>Why a run exists. Scheduled and backfilled fires share an identity (job, scheduled_for).</summary>
public enum RunOrigin
{
    Schedule,
    Manual,
    Task,
    Backfill,
}

public static class RunOrigins
{
    public static string ToText(RunOrigin origin) => origin switch
    {
        RunOrigin.Schedule => "schedule",
        RunOrigin.Manual => "manual",
        RunOrigin.Task => "task",
        RunOrigin.Backfill => "backfill",
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, null),
    };

    public static RunOrigin Parse(string text) => text switch
    {
        "schedule" => RunOrigin.Schedule,
        "manual" => RunOrigin.Manual,
        "task" => RunOrigin.Task,
        "backfill" => RunOrigin.Backfill,
        _ => throw new FormatException($"'{text}' is not a run origin."),
    };
}
