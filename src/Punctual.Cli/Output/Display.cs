using System.Globalization;
using Punctual.Client;
using Punctual.Core.Time;

namespace Punctual.Cli.Output;

/// <summary>How values read in tables and details: instants in canonical UTC, short durations, one-line truncated text.</summary>
internal static class Display
{
    /// <summary>Stands for "no value" in a table cell.</summary>
    public const string None = "-";

    public static string Instant(DateTimeOffset? instant) => instant is { } value ? Instants.Format(value) : None;

    /// <summary>153ms, 2.5s, 1m5s — precise for short runs, readable for long ones.</summary>
    public static string Duration(long? milliseconds) => milliseconds switch
    {
        null => None,
        < 1_000 => $"{milliseconds.Value.ToString(CultureInfo.InvariantCulture)}ms",
        < 60_000 => $"{(milliseconds.Value / 1000.0).ToString("0.#", CultureInfo.InvariantCulture)}s",
        _ => Durations.Format(TimeSpan.FromSeconds(milliseconds.Value / 1000)),
    };

    /// <summary>The text on one line, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    /// <summary>A job's schedule in a few words: the cron expression (and zone unless UTC), every X, at T, or on demand.</summary>
    public static string Schedule(Job job)
    {
        if (job.Schedule is { } cron)
        {
            return job.TimeZone is "UTC" or "Etc/UTC" ? cron : $"{cron} ({job.TimeZone})";
        }

        if (job.Every is { } every)
        {
            return $"every {every}";
        }

        return job.At is { } at ? $"at {Instants.Format(at)}" : "on demand";
    }

    /// <summary>A run's state and when it reached it: "succeeded 2026-11-23T02:00:01Z".</summary>
    public static string RunOutcome(Run? run) =>
        run is null ? None : $"{run.State} {Instant(run.FinishedAt ?? run.StartedAt ?? run.ScheduledFor)}";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
