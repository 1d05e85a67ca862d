using System.Globalization;
using Punctual.Server.Problems;

namespace Punctual.Server.Json;

/// <summary>Parsing of query parameters with the same clear errors as bodies (so `?limit=abc` is a 400, not a crash).</summary>
public static class QueryValues
{
    public static bool TryLimit(string? text, int defaultValue, int max, out int value, out IResult? problem, string name = "limit")
    {
        problem = null;
        value = defaultValue;
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < 1 || value > max)
        {
            problem = ApiProblem.Malformed($"query parameter '{name}' must be a whole number between 1 and {max}, got '{text}'");
            return false;
        }

        return true;
    }
}
