using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Punctual.Cli.Config;

/// <summary>
/// The YAML 1.2 core schema for plain (unquoted) scalars: null, booleans, integers (decimal, 0o octal, 0x hex) and
/// floats become JSON null, booleans and numbers; everything else is a string. YAML 1.1's extras (yes/no, on/off,
/// timestamps, sexagesimal) are deliberately strings, so <c>country: no</c> stays "no".
/// </summary>
internal static partial class CoreSchema
{
    /// <summary>The JSON value of a plain scalar; throws <see cref="FormatException"/> for .inf and .nan, which JSON cannot hold.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        if (IsNull(text))
        {
            return null;
        }

        if (TryBool(text, out var flag))
        {
            return JsonValue.Create(flag);
        }

        if (TryInteger(text, out var integer))
        {
            return integer;
        }

        if (TryFloat(text, out var number))
        {
            return number;
        }

        return JsonValue.Create(text);
    }

    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBool(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    public static bool TryInteger(string text, out JsonNode? value)
    {
        value = null;
        BigInteger parsed;
        if (DecimalInteger().IsMatch(text))
        {
            parsed = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else if (OctalInteger().IsMatch(text))
        {
            parsed = text[2..].Aggregate(BigInteger.Zero, (total, digit) => (total * 8) + (digit - '0'));
        }
        else if (HexInteger().IsMatch(text))
        {
            // A leading 0 keeps the number positive whatever its top bit.
            parsed = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }

        value = JsonNode.Parse(parsed.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    public static bool TryFloat(string text, out JsonNode? value)
    {
        value = null;
        if (Infinity().IsMatch(text) || NotANumber().IsMatch(text))
        {
            throw new FormatException($"'{text}' (infinity or not-a-number) cannot be written in JSON; quote it if a string is meant");
        }

        var match = Float().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // Rewrite in JSON's number grammar, keeping every digit: "+.5" → "0.5", "1." → "1", "007.5" → "7.5".
        var sign = match.Groups["sign"].Value == "-" ? "-" : "";
        var whole = match.Groups["whole"].Value.TrimStart('0');
        var fraction = match.Groups["fraction"].Value;
        var exponent = match.Groups["exponent"].Value;
        var json = sign + (whole.Length == 0 ? "0" : whole) + (fraction.Length > 0 ? "." + fraction : "") + exponent;
        value = JsonNode.Parse(json);
        return true;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:\.(?<fraction>[0-9]+)|(?<whole>[0-9]+)(?:\.(?<fraction>[0-9]*))?)(?<exponent>[eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)$")]
    private static partial Regex Infinity();

    [GeneratedRegex(@"^\.(nan|NaN|NAN)$")]
    private static partial Regex NotANumber();
}
