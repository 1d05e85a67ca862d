using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>
/// Reads a <see cref="Job"/> with its typed view and keeps the definition whole in <see cref="Job.Definition"/>;
/// writes it back as the server sent it: the definition's members, then the state members.
/// </summary>
internal sealed class JobJsonConverter : JsonConverter<Job>
{
    /// <summary>The members that are state, not definition (docs/api.md, "A Job is the normalized definition plus").</summary>
    internal static readonly HashSet<string> StateMembers = new(StringComparer.Ordinal)
    {
        "state", "paused", "next_fire_at", "next_due_at", "runs_counted", "missed_fires", "version",
        "created_at", "updated_at", "last_run",
    };

    private JsonSerializerOptions? _inner;

    public override Job Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A job must be a JSON object, not {element.ValueKind}.");
        }

        var job = element.Deserialize<Job>(Inner(options)) ?? throw new JsonException("A job must not be null.");
        return job with { Definition = DefinitionOf(element) };
    }

    public override void Write(Utf8JsonWriter writer, Job value, JsonSerializerOptions options)
    {
        var inner = Inner(options);
        var full = JsonSerializer.SerializeToElement(value, inner);
        if (value.Definition.ValueKind != JsonValueKind.Object)
        {
            full.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var member in value.Definition.EnumerateObject())
        {
            member.WriteTo(writer);
        }

        foreach (var member in full.EnumerateObject())
        {
            if (StateMembers.Contains(member.Name))
            {
                member.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static JsonElement DefinitionOf(JsonElement job)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in job.EnumerateObject())
            {
                if (!StateMembers.Contains(member.Name))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var definition = JsonDocument.Parse(buffer.ToArray());
        return definition.RootElement.Clone();
    }

    // The same options without this converter, so the typed view is read by the default object converter.
    private JsonSerializerOptions Inner(JsonSerializerOptions options)
    {
        if (_inner is null)
        {
            var inner = new JsonSerializerOptions(options);
            inner.Converters.Remove(this);
            inner.MakeReadOnly(populateMissingResolver: true);
            _inner = inner;
        }

        return _inner;
    }
}
