using System.Text.Json;
using Punctual.Core.Retries;
using Punctual.Core.Targets;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

public static class TargetWriter
{
    public static void Write(Utf8JsonWriter writer, HttpTargetSpec target)
    {
        writer.WriteStartObject();
        writer.WriteString("method", target.Method);
        writer.WriteString("url", target.Url);
        writer.WriteStartObject("headers");
        foreach (var (name, value) in target.Headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        if (target.BodyJson is not null)
        {
            writer.WritePropertyName("body");
            writer.WriteRawValue(target.BodyJson, skipInputValidation: false);
        }

        writer.WriteEndObject();
    }
}

public static class RetryWriter
{
    public static void Write(Utf8JsonWriter writer, RetryPolicy retry)
    {
        writer.WriteStartObject();
        writer.WriteNumber("attempts", retry.Attempts);
        writer.WriteString("backoff", RetryReader.FormatBackoff(retry));
        if (retry.Within is { } within)
        {
            writer.WriteString("within", Durations.Format(within));
        }

        writer.WriteStartArray("on_status");
        foreach (var status in retry.RetryOnStatus)
        {
            writer.WriteNumberValue(status);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
