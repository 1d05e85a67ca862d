using System.Globalization;
using Punctual.Bench.Measuring;

namespace Punctual.Bench.Sink;

/// <summary>
/// What the driver asks about the arrivals. <see cref="ExpectedKeys"/>: the idempotency keys that should have
/// arrived (missing = expected and never seen). <see cref="ScheduledFrom"/>/<see cref="ScheduledTo"/>: only
/// arrivals whose Punctual-Scheduled-For is in [from, to) count. <see cref="KeyPrefix"/>: only keys with it count.
/// </summary>
internal sealed record ReportQuery(
    IReadOnlyList<string>? ExpectedKeys,
    DateTimeOffset? ScheduledFrom,
    DateTimeOffset? ScheduledTo,
    string? KeyPrefix);

/// <summary>
/// Counts and lateness of the arrivals a query selects. Duplicates are arrivals of a key already seen (the sink
/// answers 200 to everything, so any repeat is a second delivery); lateness is arrival − Punctual-Scheduled-For of
/// each key's first arrival, in milliseconds.
/// </summary>
internal sealed record ArrivalReport(
    int TotalArrivals,
    int Count,
    int Distinct,
    int Duplicates,
    int? Expected,
    int? Missing,
    IReadOnlyList<string> MissingSample,
    int? Unexpected,
    int RepeatAttempts,
    DateTimeOffset? FirstArrival,
    DateTimeOffset? LastArrival,
    double? LatenessMinMs,
    double? LatenessP50Ms,
    double? LatenessP90Ms,
    double? LatenessP99Ms,
    double? LatenessMaxMs,
    int PeakInFlight,
    int PeakConnections,
    IReadOnlyList<ScheduledInstant> WorstScheduled)
{
    /// <summary>How many of the latest-arriving scheduled instants <see cref="WorstScheduled"/> lists.</summary>
    private const int WorstCount = 5;

    public static ArrivalReport Make(List<Arrival> all, ReportQuery query, int peakInFlight, int peakConnections)
    {
        var scheduledCache = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var firstByKey = new Dictionary<string, Arrival>(StringComparer.Ordinal);
        int count = 0, duplicates = 0, repeatAttempts = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var arrival in all)
        {
            var key = arrival.Key ?? "";
            if (query.KeyPrefix is { } prefix && !key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if ((query.ScheduledFrom is not null || query.ScheduledTo is not null)
                && (Scheduled(arrival, scheduledCache) is not { } at || at < query.ScheduledFrom || at >= query.ScheduledTo))
            {
                continue;
            }

            count++;
            if (arrival.Attempt is not (null or "1"))
            {
                repeatAttempts++;
            }

            if (!firstByKey.TryAdd(key, arrival))
            {
                duplicates++;
            }

            first = first is null || arrival.At < first ? arrival.At : first;
            last = last is null || arrival.At > last ? arrival.At : last;
        }

        var lateness = firstByKey.Values
            .Select(a => Scheduled(a, scheduledCache) is { } at ? (a.At - at).TotalMilliseconds : (double?)null)
            .OfType<double>()
            .Order()
            .ToList();

        int? expected = null, missing = null, unexpected = null;
        List<string> missingSample = [];
        if (query.ExpectedKeys is { } keys)
        {
            var expectedSet = keys.ToHashSet(StringComparer.Ordinal);
            expected = expectedSet.Count;
            var absent = expectedSet.Where(k => !firstByKey.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            missing = absent.Count;
            missingSample = absent.Take(10).ToList();
            unexpected = firstByKey.Keys.Count(k => !expectedSet.Contains(k));
        }

        return new ArrivalReport(
            all.Count, count, firstByKey.Count, duplicates, expected, missing, missingSample, unexpected, repeatAttempts,
            first, last,
            Ms(lateness.Count > 0 ? lateness[0] : null),
            Ms(Percentiles.Of(lateness, 50)),
            Ms(Percentiles.Of(lateness, 90)),
            Ms(Percentiles.Of(lateness, 99)),
            Ms(lateness.Count > 0 ? lateness[^1] : null),
            peakInFlight,
            peakConnections,
            Worst(firstByKey.Values, scheduledCache));
    }

    /// <summary>The scheduled instants whose latest arrival was latest: spikes that repeat on a period point at a cause.</summary>
    private static List<ScheduledInstant> Worst(IEnumerable<Arrival> firsts, Dictionary<string, DateTimeOffset?> cache) =>
        firsts
            .Select(a => (Arrival: a, Scheduled: Scheduled(a, cache)))
            .Where(x => x.Scheduled is not null)
            .GroupBy(x => x.Scheduled!.Value)
            .Select(g =>
            {
                var lateness = g.Select(x => (x.Arrival.At - g.Key).TotalMilliseconds).Order().ToList();
                return new ScheduledInstant(g.Key, lateness.Count, Ms(Percentiles.Of(lateness, 50)), Ms(lateness[^1]));
            })
            .OrderByDescending(s => s.MaxMs)
            .Take(WorstCount)
            .ToList();

    private static double? Ms(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static DateTimeOffset? Scheduled(Arrival arrival, Dictionary<string, DateTimeOffset?> cache)
    {
        if (arrival.ScheduledFor is not { } text)
        {
            return null;
        }

        if (!cache.TryGetValue(text, out var parsed))
        {
            parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value.ToUniversalTime()
                : null;
            cache[text] = parsed;
        }

        return parsed;
    }
}

/// <summary>The arrivals of one scheduled instant: how many, and their median and latest lateness.</summary>
internal sealed record ScheduledInstant(DateTimeOffset ScheduledFor, int Count, double? P50Ms, double? MaxMs);
