using System.Text.Json;
using Punctual.Core.Jobs;
using Punctual.Core.Tasks;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>Reads <c>POST /api/v1/tasks</c>: <c>{ target, at?, delay?, key?, timeout?, retry? }</c>.</summary>
public static class TaskDefinitionReader
{
    public const int MaxKeyLength = 200;

    /// <summary>Longest accepted delay (and furthest <c>at</c>): about ten years.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(3_650);

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["url"] = "put the URL inside 'target': { \"target\": { \"url\": \"…\" } }",
    };

    public static ReadResult<TaskDefinition> Read(JsonElement element, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var reader = ObjectReader.Open(element, "", errors);
        if (reader is null)
        {
            return new ReadResult<TaskDefinition>(null, errors.All);
        }

        var target = TargetReader.ReadHttp(reader.Object("target", required: true));
        var at = reader.Instant("at");
        var delay = reader.Duration("delay", TimeSpan.Zero, MaxDelay);
        if (reader.Has("at") && reader.Has("delay"))
        {
            reader.Error("delay", "give either 'at' or 'delay', not both");
        }

        if (at is { } instant && instant > now + MaxDelay)
        {
            reader.Error("at", "is more than ten years away");
        }

        var key = reader.String("key", maxLength: MaxKeyLength);
        if (reader.Has("key") && key is not null && key.Trim().Length == 0)
        {
            reader.Error("key", "must not be empty");
        }

        var timeout = reader.Duration("timeout", TimeSpan.FromMilliseconds(100), JobDefinition.MaxTimeout) ?? JobDefinition.DefaultTimeout;
        var retry = RetryReader.Read(reader.Object("retry"), reader.Has("retry"));
        var gate = GateReference.Read(reader);
        reader.RejectUnknown(Hints);
        if (errors.Any || target is null || retry is null)
        {
            return new ReadResult<TaskDefinition>(null, errors.All);
        }

        // A task due in the past runs now: "at" is a not-before time.
        var due = Instants.ToStorePrecision(at ?? now + (delay ?? TimeSpan.Zero));
        var earliest = Instants.ToStorePrecision(now);
        return new ReadResult<TaskDefinition>(
            new TaskDefinition(target, due < earliest ? earliest : due, key, timeout, retry, gate),
            []);
    }
}
