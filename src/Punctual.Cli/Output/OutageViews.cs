using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>What <c>punctual plan-outage</c> prints: the totals, the jobs that would catch up, the gates and their drain.</summary>
internal static class OutageViews
{
    public static void Write(TextWriter output, OutageForecast forecast)
    {
        output.WriteLine(
            $"An outage from {Display.Instant(forecast.From)} to {Display.Instant(forecast.To)} misses {Display.Number(forecast.Fires)} fires " +
            $"of {Display.Number(forecast.JobsAffected)} jobs; on restart they create {Display.Number(forecast.Runs)} runs " +
            $"({Display.Number(forecast.Fires - forecast.Runs)} recorded skipped by catch-up or overlap).");
        if (forecast.WaitingAtStart > 0)
        {
            output.WriteLine($"{Display.Number(forecast.WaitingAtStart)} runs active when it began are left waiting and released with them.");
        }

        if (forecast.Jobs.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var jobs = new TextTable("JOB", "GATE", "FIRES", "RUNS", "SKIPPED");
        foreach (var job in forecast.Jobs)
        {
            jobs.Add(job.Job, job.Gate ?? Display.None, Display.Number(job.Fires), Display.Number(job.Runs), Display.Number(job.Skipped));
        }

        jobs.Write(output);
        if (forecast.JobsAffected > forecast.Jobs.Count)
        {
            output.WriteLine($"… and {Display.Number(forecast.JobsAffected - forecast.Jobs.Count)} more jobs (--top N shows more).");
        }

        if (forecast.Gates.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var gates = new TextTable("GATE", "RATE", "BURST", "CONCURRENCY", "ADAPTIVE", "RUNS", "DRAINS IN");
        foreach (var gate in forecast.Gates)
        {
            gates.Add(
                gate.Gate, gate.Rate, Display.Number(gate.Burst), gate.Concurrency is { } cap ? Display.Number(cap) : "-",
                gate.Adaptive ? "yes" : "no", Display.Number(gate.Runs), gate.Drain);
        }

        gates.Write(output);
        output.WriteLine($"Drain times assume attempts of {forecast.AttemptDuration} that succeed (--attempt-duration changes it).");
    }
}
