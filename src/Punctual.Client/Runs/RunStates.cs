namespace Punctual.Client;

/// <summary>The values of <see cref="Run.State"/>. Strings rather than an enum, so a newer server's states still read.</summary>
public static class RunStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Dead = "dead";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Pending, Running, Succeeded, Failed, Dead, Skipped, Cancelled];
}

/// <summary>The values of <see cref="Run.Origin"/>: what created the run.</summary>
public static class RunOrigins
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string Task = "task";
    public const string Backfill = "backfill";

    public static IReadOnlyList<string> All { get; } = [Schedule, Manual, Task, Backfill];
}
