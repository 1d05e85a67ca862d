using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Punctual.Bench.Measuring;

/// <summary>
/// Summaries of one histogram from a Prometheus text scrape (the server's /metrics), per value of one label: count,
/// mean, and the bucket bounds that hold the median, the 99th percentile and the largest sample. Bucket bounds are
/// upper limits: "p99_le_ms": 25 means 99 % of the samples took at most 25 ms.
/// </summary>
internal static partial class PrometheusHistograms
{
    public static JsonObject Summarize(string scrape, string metric, string label)
    {
        var buckets = new Dictionary<string, SortedDictionary<double, double>>(StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in scrape.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || !match.Groups["name"].Value.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var labels = Labels().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            var group = labels.GetValueOrDefault(label, "");
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            switch (match.Groups["name"].Value[metric.Length..])
            {
                case "_bucket" when labels.TryGetValue("le", out var le):
                    var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                    if (!buckets.TryGetValue(group, out var series))
                    {
                        buckets[group] = series = [];
                    }

                    series[bound] = series.GetValueOrDefault(bound) + value;
                    break;
                case "_sum":
                    sums[group] = sums.GetValueOrDefault(group) + value;
                    break;
            }
        }

        var summary = new JsonObject();
        foreach (var (group, series) in buckets.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var count = series.Count > 0 ? series.Values.Max() : 0;
            if (count == 0)
            {
                continue;
            }

            summary[group] = new JsonObject
            {
                ["count"] = count,
                ["mean_ms"] = Math.Round(sums.GetValueOrDefault(group) / count * 1000, 3),
                ["p50_le_ms"] = Bound(series, count * 0.5),
                ["p99_le_ms"] = Bound(series, count * 0.99),
                ["max_le_ms"] = Bound(series, count),
            };
        }

        return summary;
    }

    /// <summary>The smallest bucket bound whose cumulative count reaches <paramref name="rank"/>, in ms (null: beyond the last bound).</summary>
    private static double? Bound(SortedDictionary<double, double> cumulative, double rank)
    {
        foreach (var (bound, count) in cumulative)
        {
            if (count >= rank - 1e-9)
            {
                return double.IsPositiveInfinity(bound) ? null : Math.Round(bound * 1000, 3);
            }
        }

        return null;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})?\s+(?<value>[-+0-9.eE]+|NaN)(?:\s+\d+)?\s*$""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Labels();
}
