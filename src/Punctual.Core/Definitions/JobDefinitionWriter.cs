using System.Text;
using System.Text.Json;
using Punctual.Core.CatchUp;
using Punctual.Core.Jobs;
using Punctual.Core.Overlap;
using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>
/// Writes a definition as canonical JSON: every field, defaults filled in, fixed order. Two definitions are the
/// same job exactly when their canonical texts are equal, which is how <c>apply</c> finds what changed.
/// </summary>
public static class JobDefinitionWriter
{
    public static string ToJson(JobDefinition job)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, job);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the definition's fields into an object the caller has opened (so API responses can add state).</summary>
    public static void WriteFields(Utf8JsonWriter writer, JobDefinition job)
    {
        writer.WriteString("name", job.Name);
        if (job.Description is not null)
        {
            writer.WriteString("description", job.Description);
        }

        switch (job.Schedule)
        {
            case CronSpec cron:
                writer.WriteString("schedule", cron.Expression);
                break;
            case EverySpec every:
                writer.WriteString("every", Durations.Format(every.Interval));
                if (every.Anchor is { } anchor)
                {
                    writer.WriteString("anchor", Instants.Format(anchor));
                }

                break;
            case AtSpec at:
                writer.WriteString("at", Instants.Format(at.At));
                break;
        }

        writer.WriteString("timezone", job.TimeZone);
        writer.WriteString("jitter", Durations.Format(job.Jitter));
        writer.WritePropertyName("target");
        TargetWriter.Write(writer, job.Target);
        writer.WriteString("timeout", Durations.Format(job.Timeout));
        writer.WritePropertyName("retry");
        RetryWriter.Write(writer, job.Retry);
        writer.WriteString("overlap", OverlapPolicies.ToText(job.Overlap));
        writer.WriteString("catch_up", CatchUpPolicies.ToText(job.CatchUp));
        writer.WriteString("catch_up_window", Durations.Format(job.CatchUpWindow));
        if (job.OncePer is not null)
        {
            writer.WriteString("once_per", job.OncePer.ToText());
        }

        if (job.Start is { } start)
        {
            writer.WriteString("start", Instants.Format(start));
        }

        if (job.End is { } end)
        {
            writer.WriteString("end", Instants.Format(end));
        }

        if (job.MaxRuns is { } maxRuns)
        {
            writer.WriteNumber("max_runs", maxRuns);
        }

        writer.WriteBoolean("pause_on_failure", job.PauseOnFailure);
        if (job.Gate is not null)
        {
            writer.WriteString("gate", job.Gate);
        }

        if (job.Alert is not null)
        {
            writer.WritePropertyName("alert");
            AlertWriter.Write(writer, job.Alert);
        }
    }

    public static void Write(Utf8JsonWriter writer, JobDefinition job)
    {
        writer.WriteStartObject();
        WriteFields(writer, job);
        writer.WriteEndObject();
    }

    /// <summary>Parses canonical JSON written by <see cref="ToJson"/> (stored specs are trusted but still validated).</summary>
    public static JobDefinition FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = JobDefinitionReader.Read(document.RootElement, "", null);
        return result.Value ?? throw new InvalidDataException(
            $"Stored job definition is invalid: {string.Join("; ", result.Errors)}");
    }
}
