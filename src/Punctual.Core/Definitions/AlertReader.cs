using System.Text.Json;
using Punctual.Core.Alerts;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads a job's <c>alert:</c> block: <c>{ on: [dead, missed, slow], channels: [ops], after_failures: 1,
/// missed_after: 5m, max_duration: 1h, repeat: 4h }</c>. Whether the channels exist is checked where the job is
/// written (the store knows them), not here.
/// </summary>
internal static class AlertReader
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["channel"] = "the field is called 'channels' (a list)",
        ["events"] = "the field is called 'on'",
        ["when"] = "the field is called 'on'",
        ["timeout"] = "write the longest expected run time as 'max_duration'",
    };

    public static JobAlertSpec? Read(ObjectReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var on = ReadOn(reader);
        var channels = NameListReader.Read(reader, "channels", "channel");
        if (channels is { Count: 0 } && !reader.Has("channels"))
        {
            reader.Error("channels", "is required: name at least one channel the alerts go to");
            channels = null;
        }
        else if (channels is { Count: 0 })
        {
            reader.Error("channels", "must name at least one channel");
            channels = null;
        }

        var afterFailures = reader.Integer("after_failures", 1, 100) ?? 1;
        var missedAfter = reader.Duration("missed_after", TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)) ?? JobAlertSpec.DefaultMissedAfter;
        var maxDuration = reader.Duration("max_duration", TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        var repeat = reader.Duration("repeat", TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        if (on is not null && on.Contains(AlertKind.Slow) && maxDuration is null && !reader.Has("max_duration"))
        {
            reader.Error("max_duration", "is required when 'on' lists slow: how long may a run take?");
            on = null;
        }

        reader.RejectUnknown(Hints);
        return on is null || channels is null
            ? null
            : new JobAlertSpec(on, channels, afterFailures, missedAfter, maxDuration, repeat);
    }

    private static IReadOnlyList<AlertKind>? ReadOn(ObjectReader reader)
    {
        var raw = reader.Raw("on");
        if (raw is not { } value)
        {
            return JobAlertSpec.DefaultOn;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Error("on", $"expected a list such as [dead, missed, slow], got {ObjectReader.Describe(value)}");
            return null;
        }

        var kinds = new SortedSet<AlertKind>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!AlertKinds.TryParseJobKind(text, out var kind))
            {
                reader.Error($"on[{index}]", $"{(text is null ? $"got {ObjectReader.Describe(item)}" : $"'{Shorten(text)}'")} is not one of dead, missed, slow");
                return null;
            }

            kinds.Add(kind);
            index++;
        }

        if (kinds.Count == 0)
        {
            reader.Error("on", "must list at least one of dead, missed, slow");
            return null;
        }

        return kinds.ToList();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
