using System.Globalization;
using System.Text.Json.Nodes;

namespace Punctual.Bench.Workloads;

/// <summary>
/// The idle population of W3 and W6: jobs firing once a month, at minutes and hours spread over the day, on a
/// day of the month that is neither today nor tomorrow, so none fires while it is measured.
/// </summary>
internal static class MonthlyJobs
{
    public static int QuietDayOfMonth(DateTimeOffset now)
    {
        var today = now.UtcDateTime.Day;
        return ((today + 13) % 28) + 1;
    }

    public static IEnumerable<(string Name, JsonObject Definition)> Make(string prefix, int count, int digits, string url, int dayOfMonth) =>
        Enumerable.Range(0, count).Select(i => (Name(prefix, i, digits), Definition(i, url, dayOfMonth, name: null)));

    /// <summary>Names sort in creation order: <paramref name="prefix"/> and <paramref name="i"/> on <paramref name="digits"/> digits.</summary>
    public static string Name(string prefix, int i, int digits) => prefix + ApiText.Number(i, digits);

    /// <summary>The <paramref name="i"/>-th job's definition; with <paramref name="name"/> for POST /api/v1/jobs.</summary>
    public static JsonObject Definition(int i, string url, int dayOfMonth, string? name)
    {
        var definition = new JsonObject();
        if (name is not null)
        {
            definition["name"] = name;
        }

        definition["schedule"] = string.Create(CultureInfo.InvariantCulture, $"{i % 60} {(i / 60) % 24} {dayOfMonth} * *");
        definition["target"] = new JsonObject { ["url"] = url };
        return definition;
    }
}
