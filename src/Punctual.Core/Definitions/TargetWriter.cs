using System.Text.Json;
using Punctual.Core.Retries;
using Punctual.Core.Targets;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

public static class TargetWriter
{
    public static void Write(Utf8JsonWriter writer, TargetSpec target)
    {
        switch (target)
        {
            case HttpTargetSpec http:
                WriteHttp(writer, http);
                break;
            case CommandTargetSpec command:
                WriteCommand(writer, command);
                break;
            default:
                throw new ArgumentException($"Unknown target type {target.GetType().Name}.", nameof(target));
        }
    }

    // Stored specs are matched on '$.target.command' by the claim queries (only nodes allowing commands claim those).
    private static void WriteCommand(Utf8JsonWriter writer, CommandTargetSpec target)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("command");
        foreach (var argument in target.Argv)
        {
            writer.WriteStringValue(argument);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("env");
        foreach (var (name, value) in target.Env)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        if (target.WorkDir is not null)
        {
            writer.WriteString("workdir", target.WorkDir);
        }

        writer.WriteStartArray("permanent_exit_codes");
        foreach (var code in target.PermanentExitCodes)
        {
            writer.WriteNumberValue(code);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteHttp(Utf8JsonWriter writer, HttpTargetSpec target)
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
