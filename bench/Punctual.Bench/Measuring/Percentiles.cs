namespace Punctual.Bench.Measuring;

/// <summary>Nearest-rank percentiles and medians. Shared (as a linked file) by the driver and the sink.</summary>
public static class Percentiles
{
    /// <summary>The value at rank ⌈p/100 · n⌉ of <paramref name="sorted"/> (ascending); null for an empty sample.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The median (mean of the two middle values for an even count); null for an empty sample.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Rounds for reporting: 3 decimals below 10, 1 decimal below 1,000, whole numbers above.</summary>
    public static double Round(double value) =>
        Math.Abs(value) < 10 ? Math.Round(value, 3) : Math.Abs(value) < 1_000 ? Math.Round(value, 1) : Math.Round(value);
}
