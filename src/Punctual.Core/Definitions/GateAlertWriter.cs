using System.Text;
using System.Text.Json;
using Punctual.Core.Alerts;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>Writes a gate's alert block in canonical form (every field, defaults filled in, fixed order), as stored.</summary>
public static class GateAlertWriter
{
    public static string ToJson(GateAlertSpec alert)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("backlog_above", alert.BacklogAbove);
            writer.WriteString("for", Durations.Format(alert.For));
            writer.WriteStartArray("channels");
            foreach (var channel in alert.Channels)
            {
                writer.WriteStringValue(channel);
            }

            writer.WriteEndArray();
            if (alert.Repeat is { } repeat)
            {
                writer.WriteString("repeat", Durations.Format(repeat));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
