using System.Text.Json;
using System.Text.Json.Serialization;
using Punctual.Core.Time;

namespace Punctual.Server.Json;

/// <summary>Writes instants as the API promises: ISO-8601 UTC with 'Z' (milliseconds only when not whole seconds).</summary>
public sealed class InstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Instants.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Instants.Format(value));
}
