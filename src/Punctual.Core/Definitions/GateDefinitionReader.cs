using System.Text.Json;
using Punctual.Core.Gates;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads a gate from JSON (the API body, or one entry of a config file's <c>gates:</c>):
/// <c>{ rate: "20/s", burst: 40, concurrency: 5, adaptive: true, paused: false, alert: { backlog_above: 1000, channels: [ops] } }</c>. Only <c>rate</c> is required;
/// <c>burst</c> defaults to one second of the rate (at least 1); no <c>concurrency</c> means no cap.
/// </summary>
public static class GateDefinitionReader
{
    /// <summary>Largest burst and concurrency a gate may declare.</summary>
    public const int MaxCount = 100_000;

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["limit"] = "write the rate as 'rate', e.g. \"20/s\"",
        ["max_concurrency"] = "the field is called 'concurrency'",
        ["rps"] = "write the rate as 'rate', e.g. \"20/s\"",
    };

    public static ReadResult<GateDefinition> Read(JsonElement element, string path, string? contextName)
    {
        var errors = new FieldErrors();
        var gate = Read(element, path, contextName, errors);
        return new ReadResult<GateDefinition>(errors.Any ? null : gate, errors.All);
    }

    internal static GateDefinition? Read(JsonElement element, string path, string? contextName, FieldErrors errors)
    {
        var reader = ObjectReader.Open(element, path, errors);
        if (reader is null)
        {
            return null;
        }

        var before = errors.Count;
        var name = ReadName(reader, contextName);
        double? rate = null;
        var rateText = reader.String("rate", required: true, maxLength: 40);
        if (rateText is not null)
        {
            if (GateRates.TryParse(rateText, out var perSecond, out var rateError))
            {
                rate = perSecond;
            }
            else
            {
                reader.Error("rate", rateError);
            }
        }

        var burst = reader.Integer("burst", 1, MaxCount);
        var concurrency = reader.Integer("concurrency", 1, MaxCount);
        var adaptive = reader.Boolean("adaptive") ?? false;
        var paused = reader.Boolean("paused");
        var alert = GateAlertReader.Read(reader.Object("alert"), errors);
        reader.RejectUnknown(Hints);
        if (errors.Count > before || name is null || rate is not { } r)
        {
            return null;
        }

        var limits = GateLimits.Create(r, burst ?? DefaultBurst(r), concurrency, adaptive);
        return new GateDefinition(name, limits, paused, alert);
    }

    /// <summary>One second's worth of the rate, at least 1 and at most <see cref="MaxCount"/>.</summary>
    private static int DefaultBurst(double ratePerSecond) => (int)Math.Clamp(Math.Ceiling(ratePerSecond), 1, MaxCount);

    private static string? ReadName(ObjectReader reader, string? contextName)
    {
        var bodyName = reader.String("name", required: contextName is null, maxLength: GateNames.MaxLength + 1);
        if (contextName is not null && bodyName is not null && bodyName != contextName)
        {
            reader.Error("name", $"'{bodyName}' does not match the gate name '{contextName}' it is given under");
            return null;
        }

        var name = contextName ?? bodyName;
        if (name is null)
        {
            return null;
        }

        if (!GateNames.TryValidate(name, out var error))
        {
            reader.Error("name", error);
            return null;
        }

        return name;
    }
}
