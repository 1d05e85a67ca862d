using System.Text.Json;
using Punctual.Core.Alerts;

namespace Punctual.Core.Definitions;

/// <summary>Reads a list of plain names (channels of an alert or a monitor): strings, valid names, no duplicates.</summary>
internal static class NameListReader
{
    public const int MaxItems = 20;

    /// <summary>The names, in the order given, or null (with errors) when the field is wrong; absent: an empty list.</summary>
    public static IReadOnlyList<string>? Read(ObjectReader reader, string field, string kind)
    {
        var raw = reader.Raw(field);
        if (raw is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Error(field, $"expected a list of {kind} names, got {ObjectReader.Describe(value)}");
            return null;
        }

        var names = new List<string>();
        var index = 0;
        var ok = true;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{field}[{index++}]";
            if (names.Count >= MaxItems)
            {
                reader.Error(field, $"lists more than {MaxItems} {kind}s");
                return null;
            }

            if (item.ValueKind != JsonValueKind.String)
            {
                reader.Error(path, $"expected a {kind} name, got {ObjectReader.Describe(item)}");
                ok = false;
                continue;
            }

            var name = item.GetString()!;
            if (!PlainNames.TryValidate(kind, name, out var error))
            {
                reader.Error(path, error);
                ok = false;
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                reader.Error(path, $"'{name}' is listed twice");
                ok = false;
            }
            else
            {
                names.Add(name);
            }
        }

        return ok ? names : null;
    }
}
