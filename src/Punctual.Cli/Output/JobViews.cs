using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>Jobs for people: the listing table and one job's detail.</summary>
internal static class JobViews
{
    public static void WriteTable(TextWriter output, IReadOnlyList<Job> jobs)
    {
        if (jobs.Count == 0)
        {
            output.WriteLine("No jobs.");
            return;
        }

        var table = new TextTable("NAME", "SCHEDULE", "STATE", "NEXT FIRE", "LAST RUN");
        foreach (var job in jobs)
        {
            table.Add(job.Name, Display.Schedule(job), job.State, Display.Instant(job.NextFireAt), Display.RunOutcome(job.LastRun));
        }

        table.Write(output);
    }

    public static void WriteDetail(TextWriter output, Job job)
    {
        output.WriteLine($"Job {job.Name}");
        new Details()
            .Add("Description", job.Description)
            .Add("Schedule", Display.Schedule(job))
            .Add("State", job.State)
            .Add("Target", job.Target switch
            {
                { Url: { } url } http => $"{http.Method ?? "POST"} {url}",
                { Command: { Count: > 0 } argv } => "command: " + string.Join(' ', argv.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)),
                _ => null,
            })
            .Add("Next fire", job.NextFireAt is null ? null : Display.Instant(job.NextFireAt))
            .Add("Next due", job.NextDueAt is null || job.NextDueAt == job.NextFireAt ? null : Display.Instant(job.NextDueAt))
            .Add("Last run", job.LastRun is { } run ? $"{run.Id}: {Display.RunOutcome(run)}" : null)
            .Add("Runs counted", Display.Number(job.RunsCounted))
            .Add("Missed fires", Display.Number(job.MissedFires))
            .Add("Version", Display.Number(job.Version))
            .Add("Created", Display.Instant(job.CreatedAt))
            .Add("Updated", Display.Instant(job.UpdatedAt))
            .Write(output);
        if (job.Definition.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            output.WriteLine("Definition:");
            foreach (var line in JsonOutput.Format(job.Definition).Split('\n'))
            {
                output.WriteLine("  " + line.TrimEnd('\r'));
            }
        }
    }

    /// <summary>One line after pause or resume: the job's new state, and its next fire when it has one.</summary>
    public static string StateLine(Job job) => job.NextFireAt is { } next && !job.Paused
        ? $"Job {job.Name}: {job.State}, next fire {Display.Instant(next)}"
        : $"Job {job.Name}: {job.State}";
}
