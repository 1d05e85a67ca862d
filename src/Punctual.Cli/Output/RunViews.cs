using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>Runs for people: the listing table, one run's detail with its attempts, and a one-line summary.</summary>
internal static class RunViews
{
    private const int ReasonWidth = 60;

    public static void WriteTable(TextWriter output, IReadOnlyList<Run> runs)
    {
        if (runs.Count == 0)
        {
            output.WriteLine("No runs.");
            return;
        }

        var table = new TextTable("ID", "JOB", "STATE", "SCHEDULED FOR", "ATTEMPTS", "DURATION", "REASON/ERROR");
        foreach (var run in runs)
        {
            table.Add(
                Display.Number(run.Id), Owner(run), run.State, Display.Instant(run.ScheduledFor),
                Display.Number(run.AttemptCount), Display.Duration(run.DurationMs), Display.Truncate(run.Reason, ReasonWidth));
        }

        table.Write(output);
    }

    public static void WriteDetail(TextWriter output, Run run)
    {
        output.WriteLine($"Run {run.Id}");
        new Details()
            .Add(run.Job is null ? "Task" : "Job", Owner(run))
            .Add("Origin", run.Origin)
            .Add("State", run.State)
            .Add("Reason", run.Reason)
            .Add("Scheduled for", Display.Instant(run.ScheduledFor))
            .Add("Due at", Display.Instant(run.DueAt))
            .Add("Idempotency key", run.IdempotencyKey)
            .Add("Period", run.Period)
            .Add("Attempts", Display.Number(run.AttemptCount))
            .Add("Fires", run.FireCount > 1 ? Display.Number(run.FireCount) : null)
            .Add("Last status", run.LastStatusCode is { } code ? Display.Number(code) : null)
            .Add("Last error class", run.LastErrorClass)
            .Add("Deadline", run.DeadlineAt is null ? null : Display.Instant(run.DeadlineAt))
            .Add("Lease owner", run.LeaseOwner)
            .Add("Created", Display.Instant(run.CreatedAt))
            .Add("Started", run.StartedAt is null ? null : Display.Instant(run.StartedAt))
            .Add("Finished", run.FinishedAt is null ? null : Display.Instant(run.FinishedAt))
            .Add("Duration", run.DurationMs is null ? null : Display.Duration(run.DurationMs))
            .Write(output);

        var attempts = run.Attempts ?? [];
        if (attempts.Count == 0)
        {
            output.WriteLine("No attempts.");
            return;
        }

        output.WriteLine("Attempts:");
        var table = new TextTable("#", "NODE", "STARTED", "DURATION", "OUTCOME", "STATUS", "ERROR");
        foreach (var attempt in attempts)
        {
            table.Add(
                Display.Number(attempt.Number), attempt.Node ?? Display.None, Display.Instant(attempt.StartedAt),
                Display.Duration(attempt.DurationMs), attempt.Outcome ?? "in flight",
                attempt.StatusCode is { } status ? Display.Number(status) : Display.None,
                Display.Truncate(attempt.Error ?? attempt.ErrorClass, ReasonWidth));
        }

        table.Write(output);
        if (attempts[^1] is { ResponseExcerpt: { Length: > 0 } excerpt } last)
        {
            // The response's start (HTTP) or the output's tail (command): what a person diagnosing the run reads first.
            output.WriteLine($"Output of attempt {last.Number}:");
            foreach (var line in excerpt.TrimEnd('\n', '\r').Split('\n'))
            {
                // Control characters (terminal escapes in a program's output) are shown, not interpreted.
                output.WriteLine("  " + new string(line.TrimEnd('\r').Select(c => char.IsControl(c) && c != '\t' ? '\uFFFD' : c).ToArray()));
            }
        }
    }

    /// <summary>"Run 43 (job nightly): pending, due 2026-11-23T09:00:00Z", or with the reason when it has one.</summary>
    public static string Summary(Run run)
    {
        var head = $"Run {run.Id} ({(run.Job is null ? "task" : "job")} {Owner(run)}): {run.State}";
        return run.Reason is { Length: > 0 } reason ? $"{head}: {reason}" : $"{head}, due {Display.Instant(run.DueAt)}";
    }

    /// <summary>The job's name, or for a task its key (or "task" when it has none).</summary>
    private static string Owner(Run run) => run.Job ?? run.TaskKey ?? "(task)";
}
