using System.Text.Json;
using Punctual.Core.CatchUp;
using Punctual.Core.Jobs;
using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads a job definition from JSON (the API body, or one entry of a config file converted from YAML),
/// using the config file's snake_case names. Every problem is reported with its field path.
/// </summary>
public static class JobDefinitionReader
{
    private static readonly DateTime CronReference = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["paused"] = "pause state is not part of a definition; use the pause and resume actions",
        ["cron"] = "write a cron expression as 'schedule'",
        ["interval"] = "write an interval as 'every'",
        ["tz"] = "the field is called 'timezone'",
        ["retries"] = "the field is called 'retry'",
    };

    /// <summary>
    /// Reads one job. <paramref name="contextName"/> is the name given outside the body (config key or URL);
    /// when the body also names the job, both must agree.
    /// </summary>
    public static ReadResult<JobDefinition> Read(JsonElement element, string path, string? contextName)
    {
        var errors = new FieldErrors();
        var job = Read(element, path, contextName, errors);
        return new ReadResult<JobDefinition>(errors.Any ? null : job, errors.All);
    }

    internal static JobDefinition? Read(JsonElement element, string path, string? contextName, FieldErrors errors)
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

        var schedule = ReadSchedule(reader);
        var jitter = reader.Duration("jitter", TimeSpan.Zero, TimeSpan.FromDays(1)) ?? TimeSpan.Zero;
        var target = TargetReader.Read(reader.Object("target", required: true));
        var timeout = reader.Duration("timeout", TimeSpan.FromMilliseconds(100), JobDefinition.MaxTimeout) ?? JobDefinition.DefaultTimeout;
        var retry = RetryReader.Read(reader.Object("retry"), reader.Has("retry"));
        var overlap = ReadEnum<OverlapPolicy>(reader, "overlap", OverlapPolicies.TryParse, "forbid, buffer_one, allow or replace") ?? OverlapPolicy.Forbid;
        var catchUp = ReadEnum<CatchUpPolicy>(reader, "catch_up", CatchUpPolicies.TryParse, "latest, all or skip") ?? CatchUpPolicy.Latest;
        var window = reader.Duration("catch_up_window", TimeSpan.FromMinutes(1), TimeSpan.FromDays(3_650)) ?? CatchUpPolicies.DefaultWindow;
        var oncePer = ReadOncePer(reader);
        var start = reader.Instant("start");
        var end = reader.Instant("end");
        if (start is { } s && end is { } e && e <= s)
        {
            reader.Error("end", "must be after start");
        }

        var gate = GateReference.Read(reader);
        var maxRuns = reader.Integer("max_runs", 1, int.MaxValue);
        var pauseOnFailure = reader.Boolean("pause_on_failure") ?? false;
        var alert = AlertReader.Read(reader.Object("alert"));
        if (schedule is null && !reader.Has("schedule") && !reader.Has("every") && !reader.Has("at")
            && (start is not null || end is not null || maxRuns is not null))
        {
            reader.Error("schedule", "start, end and max_runs only apply to a job with a schedule (schedule, every or at)");
        }

        reader.RejectUnknown(Hints);
        if (errors.Count > before || name is null || target is null || retry is null || (reader.Has("alert") && alert is null))
        {
            return null;
        }

        return new JobDefinition(
            name, description, schedule, timeZone, jitter, target, timeout, retry,
            overlap, catchUp, window, oncePer, start, end, maxRuns, pauseOnFailure, gate, alert);
    }

    private static string? ReadName(ObjectReader reader, string? contextName)
    {
        var bodyName = reader.String("name", required: contextName is null, maxLength: JobNames.MaxLength);
        if (contextName is not null && bodyName is not null && bodyName != contextName)
        {
            reader.Error("name", $"'{bodyName}' does not match the job name '{contextName}' it is given under");
            return null;
        }

        var name = contextName ?? bodyName;
        if (name is null)
        {
            return null;
        }

        if (!JobNames.TryValidate(name, out var error))
        {
            reader.Error("name", error);
            return null;
        }

        return name;
    }

    private static ScheduleSpec? ReadSchedule(ObjectReader reader)
    {
        // Every branch below reads only the fields it uses; the others are absent (or null), already reported,
        // and must not be reported again as unknown by RejectUnknown.
        foreach (var field in new[] { "schedule", "every", "at", "anchor" })
        {
            reader.Raw(field);
        }

        var given = new[] { "schedule", "every", "at" }.Where(reader.Has).ToList();
        if (given.Count > 1)
        {
            reader.Error(given[1], $"a job has one schedule; '{given[0]}' and '{given[1]}' are both set");
            return null;
        }

        if (reader.Has("anchor") && !reader.Has("every"))
        {
            reader.Error("anchor", "only applies to an 'every' schedule");
        }

        var cron = reader.String("schedule", maxLength: 200);
        if (cron is not null)
        {
            if (!CronExpressions.TryParse(cron, out var parsed, out var error))
            {
                reader.Error("schedule", error);
                return null;
            }

            // A fixed reference keeps the reader clock-free; any expression that can fire does so within years of it.
            if (parsed.GetNextOccurrence(CronReference, TimeZoneInfo.Utc) is null)
            {
                reader.Error("schedule", $"'{cron}' never fires (no such date, e.g. February 30)");
                return null;
            }

            return new CronSpec(string.Join(' ', cron.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        var every = reader.Duration("every", EverySpec.MinInterval, TimeSpan.FromDays(3_650));
        var anchor = reader.Instant("anchor");
        if (every is { } interval)
        {
            return new EverySpec(interval, anchor);
        }

        var at = reader.Instant("at");
        return at is { } instant ? new AtSpec(instant) : null;
    }

    private static OncePerPeriod? ReadOncePer(ObjectReader reader)
    {
        var text = reader.String("once_per", maxLength: 32);
        if (text is null)
        {
            return null;
        }

        if (!OncePerPeriod.TryParse(text, out var period, out var error))
        {
            reader.Error("once_per", error);
            return null;
        }

        return period;
    }

    private delegate bool TryParseEnum<T>(string? text, out T value);

    private static T? ReadEnum<T>(ObjectReader reader, string name, TryParseEnum<T> parse, string allowed)
        where T : struct
    {
        var text = reader.String(name, maxLength: 32);
        if (text is null)
        {
            return null;
        }

        if (!parse(text, out var value))
        {
            reader.Error(name, $"'{text}' is not one of {allowed}");
            return null;
        }

        return value;
    }
}
