using System.Globalization;
using System.Text.Json;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads the fields of one JSON object with exact types, recording an error (with the field's path) for
/// every wrong type, out-of-range value, duplicate or unknown field. JSON null counts as absent.
/// </summary>
internal sealed class ObjectReader
{
    private readonly JsonElement _element;
    private readonly FieldErrors _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private ObjectReader(JsonElement element, string path, FieldErrors errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public static ObjectReader? Open(JsonElement element, string path, FieldErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object, got {Describe(element)}");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add(FieldErrors.Join(path, property.Name), "appears more than once");
            }
        }

        return new ObjectReader(element, path, errors);
    }

    public string PathOf(string name) => FieldErrors.Join(Path, name);

    public void Error(string name, string message) => _errors.Add(PathOf(name), message);

    /// <summary>Records an error at a full path (e.g. a list item, <c>target.command[2]</c>).</summary>
    public void ErrorAt(string path, string message) => _errors.Add(path, message);

    /// <summary>Whether a field is present (and not null); does not count as reading it.</summary>
    public bool Has(string name) => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The raw value of a field (null when absent or JSON null); marks it as read.</summary>
    public JsonElement? Raw(string name) => TryGet(name, out var value) ? value : null;

    public string? String(string name, bool required = false, int maxLength = 1_000, bool allowMultiline = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(name, $"expected a string, got {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Error(name, $"is longer than {maxLength} characters");
            return null;
        }

        if (text.Any(c => char.IsControl(c) && !(allowMultiline && c is '\n' or '\r' or '\t')))
        {
            Error(name, "contains control characters");
            return null;
        }

        if (required && text.Trim().Length == 0)
        {
            Error(name, "must not be empty");
            return null;
        }

        return text;
    }

    public int? Integer(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(name, $"expected a whole number, got {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Error(name, $"must be between {min} and {max}, got {number}");
            return null;
        }

        return (int)number;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(name, $"expected true or false, got {Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    public TimeSpan? Duration(string name, TimeSpan min, TimeSpan max)
    {
        var text = DurationText(name);
        if (text is null)
        {
            return null;
        }

        if (!Durations.TryParse(text, out var duration, out var error))
        {
            Error(name, error);
            return null;
        }

        if (duration < min || duration > max)
        {
            Error(name, $"must be between {Durations.Format(min)} and {Durations.Format(max)}, got {Durations.Format(duration)}");
            return null;
        }

        return duration;
    }

    public DateTimeOffset? Instant(string name)
    {
        var text = String(name, maxLength: 64);
        if (text is null)
        {
            return null;
        }

        if (!Instants.TryParse(text, out var instant, out var error))
        {
            Error(name, error);
            return null;
        }

        return Instants.ToStorePrecision(instant);
    }

    public ObjectReader? Object(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(name, "is required");
            }

            return null;
        }

        return Open(value, PathOf(name), _errors);
    }

    public IReadOnlyList<int>? IntegerList(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"expected a list of numbers, got {Describe(value)}");
            return null;
        }

        var result = new List<int>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var number) || number < min || number > max)
            {
                _errors.Add($"{PathOf(name)}[{index}]", $"expected a whole number between {min} and {max}, got {Describe(item)}");
                return null;
            }

            result.Add(number);
            index++;
        }

        return result.Distinct().Order().ToList();
    }

    /// <summary>Records an error for every field that no Read call asked for; <paramref name="hints"/> explain names that are recognised but not accepted here.</summary>
    public void RejectUnknown(IReadOnlyDictionary<string, string>? hints = null)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (_read.Contains(property.Name))
            {
                continue;
            }

            if (hints is not null && hints.TryGetValue(property.Name, out var hint))
            {
                Error(property.Name, hint);
            }
            else
            {
                Error(property.Name, "is not a known field");
            }
        }
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private string? DurationText(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            var example = value.ValueKind == JsonValueKind.Number
                ? string.Create(CultureInfo.InvariantCulture, $" (write '{value.GetRawText()}s' for seconds)")
                : "";
            Error(name, $"expected a duration string such as '30s', got {Describe(value)}{example}");
            return null;
        }

        return value.GetString();
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        if (_element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }
}
