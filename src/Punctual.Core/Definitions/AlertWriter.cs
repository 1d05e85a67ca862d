using System.Text.Json;
using Punctual.Core.Alerts;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>Writes a job's alert block in canonical form (every field, defaults filled in, fixed order).</summary>
internal static class AlertWriter
{
    public static void Write(Utf8JsonWriter writer, JobAlertSpec alert)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("on");
        foreach (var kind in alert.On)
        {
            writer.WriteStringValue(AlertKinds.ToText(kind));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("channels");
        foreach (var channel in alert.Channels)
        {
            writer.WriteStringValue(channel);
        }

        writer.WriteEndArray();
        writer.WriteNumber("after_failures", alert.AfterFailures);
        writer.WriteString("missed_after", Durations.Format(alert.MissedAfter));
        if (alert.MaxDuration is { } max)
        {
            writer.WriteString("max_duration", Durations.Format(max));
        }

        if (alert.Repeat is { } repeat)
        {
            writer.WriteString("repeat", Durations.Format(repeat));
        }

        writer.WriteEndObject();
    }
}
