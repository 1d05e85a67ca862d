using System.Text.Json;
using Punctual.Core.Alerts;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads a gate's <c>alert:</c> block: <c>{ backlog_above: 1000, for: 5m, channels: [ops], repeat: 4h }</c>. Only
/// <c>backlog_above</c> and <c>channels</c> are required. Whether the channels exist is checked where the gate is
/// written (the store knows them), not here.
/// </summary>
public static class GateAlertReader
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["above"] = "the field is called 'backlog_above'",
        ["backlog"] = "the field is called 'backlog_above'",
        ["threshold"] = "the field is called 'backlog_above'",
        ["channel"] = "the field is called 'channels' (a list)",
        ["after"] = "the field is called 'for'",
        ["on"] = "a gate alerts on its backlog only; set 'backlog_above'",
    };

    internal static GateAlertSpec? Read(ObjectReader? reader, FieldErrors errors)
    {
        if (reader is null)
        {
            return null;
        }

        var before = errors.Count;
        var above = reader.Integer("backlog_above", 1, GateAlertSpec.MaxBacklogAbove);
        if (above is null && !reader.Has("backlog_above"))
        {
            reader.Error("backlog_above", "is required: how many waiting runs are too many?");
        }

        var channels = NameListReader.Read(reader, "channels", "channel");
        if (channels is { Count: 0 })
        {
            reader.Error("channels", reader.Has("channels") ? "must name at least one channel" : "is required: name at least one channel the alerts go to");
        }

        var @for = reader.Duration("for", TimeSpan.Zero, GateAlertSpec.MaxFor) ?? TimeSpan.Zero;
        var repeat = reader.Duration("repeat", TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        reader.RejectUnknown(Hints);
        return errors.Count > before || above is not { } n || channels is not { Count: > 0 }
            ? null
            : new GateAlertSpec(n, @for, channels, repeat);
    }

    /// <summary>Parses canonical JSON written by <see cref="GateAlertWriter.ToJson"/> (stored blocks are trusted but still validated).</summary>
    public static GateAlertSpec FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new FieldErrors();
        var spec = Read(ObjectReader.Open(document.RootElement, "alert", errors), errors);
        return spec ?? throw new InvalidDataException($"Stored gate alert block is invalid: {string.Join("; ", errors.All)}");
    }
}
