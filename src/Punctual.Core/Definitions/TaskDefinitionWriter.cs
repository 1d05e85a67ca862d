using System.Text;
using System.Text.Json;
using Punctual.Core.Tasks;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>
/// Stores what a task's attempts need (target, timeout, retry) as JSON beside its run, since a task has no job row.
/// </summary>
public static class TaskDefinitionWriter
{
    public static string ToSpecJson(TaskDefinition task)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("target");
            TargetWriter.Write(writer, task.Target);
            writer.WriteString("timeout", Durations.Format(task.Timeout));
            writer.WritePropertyName("retry");
            RetryWriter.Write(writer, task.Retry);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a stored task spec back into the parts an attempt needs.</summary>
    public static TaskSpec FromSpecJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new FieldErrors();
        var reader = ObjectReader.Open(document.RootElement, "", errors)!;
        var target = TargetReader.ReadHttp(reader.Object("target", required: true));
        var timeout = reader.Duration("timeout", TimeSpan.Zero, TimeSpan.MaxValue);
        var retry = RetryReader.Read(reader.Object("retry"), reader.Has("retry"));
        reader.RejectUnknown();
        if (errors.Any || target is null || timeout is null || retry is null)
        {
            throw new InvalidDataException($"Stored task spec is invalid: {string.Join("; ", errors.All)}");
        }

        return new TaskSpec(target, timeout.Value, retry);
    }
}
