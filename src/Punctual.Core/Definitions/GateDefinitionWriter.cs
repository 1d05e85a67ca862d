using System.Text;
using System.Text.Json;
using Punctual.Core.Gates;

namespace Punctual.Core.Definitions;

/// <summary>Writes a gate's definition as canonical JSON (fixed order, defaults filled in), as <c>apply</c> compares them.</summary>
public static class GateDefinitionWriter
{
    public static string ToJson(GateDefinition gate)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            WriteFields(writer, gate.Name, gate.Limits);
            if (gate.Paused is { } paused)
            {
                writer.WriteBoolean("paused", paused);
            }
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The name and limits, into an object the caller has opened (API views add state).</summary>
    public static void WriteFields(Utf8JsonWriter writer, string name, GateLimits limits)
    {
        writer.WriteString("name", name);
        writer.WriteString("rate", GateRates.Format(limits.RatePerSecond));
        writer.WriteNumber("burst", limits.Burst);
        if (limits.Concurrency is { } concurrency)
        {
            writer.WriteNumber("concurrency", concurrency);
        }

        writer.WriteBoolean("adaptive", limits.Adaptive);
    }
}
