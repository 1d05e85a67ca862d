using System.Globalization;
using System.Text.Json.Nodes;
using Punctual.Bench.Measuring;

namespace Punctual.Bench.Results;

/// <summary>
/// Medians over the runs in result files (docs/performance.md quotes these): every numeric figure of a line,
/// nested ones by dotted path, grouped by workload, store and mode, with the values it was taken from.
/// </summary>
internal static class Summary
{
    private static readonly HashSet<string> Skipped = ["round", "machine", "versions", "configuration", "limits", "floors", "notes", "quick"];

    public static void Print(IEnumerable<string> files, TextWriter output)
    {
        var lines = files
            .SelectMany(File.ReadLines)
            .Where(l => l.TrimStart().StartsWith('{'))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(l => l["error"] is null)
            .ToList();
        var groups = lines.GroupBy(l => (
            Workload: l["workload"]!.GetValue<string>(),
            Store: l["store"]!.GetValue<string>(),
            Quick: l["quick"]?.GetValue<bool>() ?? false));
        foreach (var group in groups.OrderBy(g => g.Key.Workload, StringComparer.Ordinal).ThenBy(g => g.Key.Store, StringComparer.Ordinal))
        {
            output.WriteLine($"## {group.Key.Workload} on {group.Key.Store}{(group.Key.Quick ? " (quick)" : "")}: {group.Count()} run(s)");
            var figures = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
            foreach (var line in group)
            {
                foreach (var (name, value) in line)
                {
                    if (!Skipped.Contains(name))
                    {
                        Collect(name, value, figures);
                    }
                }
            }

            foreach (var (name, values) in figures)
            {
                var median = Percentiles.Median(values)!.Value;
                var shown = string.Join(", ", values.Select(v => Format(Percentiles.Round(v))));
                output.WriteLine($"  {name,-36} median {Format(Percentiles.Round(median)),12}   [{shown}]");
            }

            var floors = group.SelectMany(l => l["floors"]!.AsArray()).OfType<JsonObject>()
                .GroupBy(f => $"{f["kind"]}: {f["rule"]}");
            foreach (var floor in floors)
            {
                output.WriteLine($"  {floor.Key}: met in {floor.Count(f => f["met"]!.GetValue<bool>())} of {floor.Count()}");
            }

            output.WriteLine();
        }
    }

    private static void Collect(string path, JsonNode? node, SortedDictionary<string, List<double>> figures)
    {
        switch (node)
        {
            case JsonObject nested:
                foreach (var (name, value) in nested)
                {
                    Collect($"{path}.{name}", value, figures);
                }

                break;
            case JsonValue value when value.TryGetValue<double>(out var number):
                if (!figures.TryGetValue(path, out var list))
                {
                    figures[path] = list = [];
                }

                list.Add(number);
                break;
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
