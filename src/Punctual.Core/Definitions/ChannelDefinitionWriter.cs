using System.Text;
using System.Text.Json;
using Punctual.Core.Channels;

namespace Punctual.Core.Definitions;

/// <summary>
/// Writes a channel as canonical JSON (every field, defaults filled in, fixed order): the stored form, the API's
/// answer (references, never resolved secrets), and how <c>apply</c> finds what changed.
/// </summary>
public static class ChannelDefinitionWriter
{
    public static string ToJson(ChannelDefinition channel)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            WriteFields(writer, channel);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteFields(Utf8JsonWriter writer, ChannelDefinition channel)
    {
        writer.WriteString("name", channel.Name);
        writer.WriteString("type", ChannelDefinition.TypeText(channel.Type));
        if (channel.Url is not null)
        {
            writer.WriteString("url", channel.Url);
        }

        if (channel.Type == ChannelType.Webhook)
        {
            writer.WriteStartObject("headers");
            foreach (var (name, value) in channel.Headers)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        if (channel.Email is { } email)
        {
            writer.WriteString("host", email.Host);
            writer.WriteNumber("port", email.Port);
            writer.WriteString("tls", ChannelDefinition.SecurityText(email.Security));
            if (email.Username is not null)
            {
                writer.WriteString("username", email.Username);
            }

            if (email.Password is not null)
            {
                writer.WriteString("password", email.Password);
            }

            writer.WriteString("from", email.From);
            writer.WriteStartArray("to");
            foreach (var to in email.To)
            {
                writer.WriteStringValue(to);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>Parses canonical JSON written by <see cref="ToJson"/>.</summary>
    public static ChannelDefinition FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = ChannelDefinitionReader.Read(document.RootElement, "", null);
        return result.Value ?? throw new InvalidDataException($"Stored channel definition is invalid: {string.Join("; ", result.Errors)}");
    }
}
