using System.Text;
using System.Text.Json;
using Punctual.Core.Alerts;
using Punctual.Core.Monitors;
using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads a monitor (the API body, or one entry of a config file's <c>monitors:</c>):
/// <c>{ schedule: "0 2 * * *", timezone: UTC, grace: 30m, channels: [ops], repeat?: 4h, alert_on?: down|late }</c> or
/// <c>{ period: 1h, … }</c>.
/// </summary>
public static class MonitorDefinitionReader
{
    private static readonly DateTime CronReference = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["every"] = "write the interval between pings as 'period'",
        ["interval"] = "write the interval between pings as 'period'",
        ["cron"] = "write a cron expression as 'schedule'",
        ["tz"] = "the field is called 'timezone'",
        ["channel"] = "the field is called 'channels' (a list)",
        ["token"] = "ping tokens are made by Punctual; rotate one with POST /api/v1/monitors/{name}/token",
    };

    public static ReadResult<MonitorDefinition> Read(JsonElement element, string path, string? contextName)
    {
        var errors = new FieldErrors();
        var monitor = Read(element, path, contextName, errors);
        return new ReadResult<MonitorDefinition>(errors.Any ? null : monitor, errors.All);
    }

    internal static MonitorDefinition? Read(JsonElement element, string path, string? contextName, FieldErrors errors)
    {
        var reader = ObjectReader.Open(element, path, errors);
        if (reader is null)
        {
            return null;
        }

        var before = errors.Count;
        var name = ReadName(reader, contextName);
        var description = reader.String("description", maxLength: 1_000, allowMultiline: true);
        var timeZone = reader.String("timezone", maxLength: 64) ?? "UTC";
        if (!TimeZones.TryResolve(timeZone, out _, out var zoneError))
        {
            reader.Error("timezone", zoneError);
        }

        CronSpec? schedule = null;
        var cron = reader.String("schedule", maxLength: 200);
        if (cron is not null)
        {
            if (!CronExpressions.TryParse(cron, out var parsed, out var cronError))
            {
                reader.Error("schedule", cronError);
            }
            else if (parsed.GetNextOccurrence(CronReference, TimeZoneInfo.Utc) is null)
            {
                reader.Error("schedule", $"'{cron}' never fires (no such date, e.g. February 30)");
            }
            else
            {
                schedule = new CronSpec(string.Join(' ', cron.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        var period = reader.Duration("period", TimeSpan.FromSeconds(1), TimeSpan.FromDays(366));
        if (reader.Has("schedule") && reader.Has("period"))
        {
            reader.Error("period", "a monitor expects pings on a 'schedule' or every 'period', not both");
        }
        else if (!reader.Has("schedule") && !reader.Has("period"))
        {
            reader.Error("schedule", "is required: when are pings expected? Set 'schedule' (cron) or 'period' (e.g. 1h)");
        }

        var grace = reader.Duration("grace", TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)) ?? MonitorDefinition.DefaultGrace;
        var channels = NameListReader.Read(reader, "channels", "channel");
        var repeat = reader.Duration("repeat", TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        var alertOn = reader.String("alert_on", maxLength: 16) ?? "down";
        if (alertOn is not ("down" or "late"))
        {
            reader.Error("alert_on", $"'{alertOn}' is not one of down, late");
        }

        reader.RejectUnknown(Hints);
        if (errors.Count > before || name is null || channels is null || (schedule is null && period is null))
        {
            return null;
        }

        return new MonitorDefinition(name, description, schedule, schedule is null ? period : null, timeZone, grace, channels, repeat, alertOn == "late");
    }

    private static string? ReadName(ObjectReader reader, string? contextName)
    {
        var bodyName = reader.String("name", required: contextName is null, maxLength: PlainNames.MaxLength);
        if (contextName is not null && bodyName is not null && bodyName != contextName)
        {
            reader.Error("name", $"'{bodyName}' does not match the monitor name '{contextName}' it is given under");
            return null;
        }

        var name = contextName ?? bodyName;
        if (name is null)
        {
            return null;
        }

        if (!PlainNames.TryValidate("monitor", name, out var error))
        {
            reader.Error("name", error);
            return null;
        }

        return name;
    }
}

/// <summary>Writes a monitor as canonical JSON (every field, defaults filled in, fixed order): stored, shown, diffed by apply.</summary>
public static class MonitorDefinitionWriter
{
    public static string ToJson(MonitorDefinition monitor)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            WriteFields(writer, monitor);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteFields(Utf8JsonWriter writer, MonitorDefinition monitor)
    {
        writer.WriteString("name", monitor.Name);
        if (monitor.Description is not null)
        {
            writer.WriteString("description", monitor.Description);
        }

        if (monitor.Schedule is not null)
        {
            writer.WriteString("schedule", monitor.Schedule.Expression);
        }

        if (monitor.Period is { } period)
        {
            writer.WriteString("period", Durations.Format(period));
        }

        writer.WriteString("timezone", monitor.TimeZone);
        writer.WriteString("grace", Durations.Format(monitor.Grace));
        writer.WriteStartArray("channels");
        foreach (var channel in monitor.Channels)
        {
            writer.WriteStringValue(channel);
        }

        writer.WriteEndArray();
        if (monitor.Repeat is { } repeat)
        {
            writer.WriteString("repeat", Durations.Format(repeat));
        }

        writer.WriteString("alert_on", monitor.AlertWhenLate ? "late" : "down");
    }

    public static MonitorDefinition FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = MonitorDefinitionReader.Read(document.RootElement, "", null);
        return result.Value ?? throw new InvalidDataException($"Stored monitor definition is invalid: {string.Join("; ", result.Errors)}");
    }
}
