namespace Punctual.Core.Gates;

/// <summary>
/// Shares one claim's slots among the gates that have due work, so no gate starves another: a gate with a huge
/// backlog (a backfill, a recovery) cannot take every slot while a gate with a little fresh work waits.
/// Max-min fair: every gate gets an equal share of the slots, capped at what it can use, and what a gate cannot use
/// goes to the others. Within a gate, work goes oldest due first.
/// </summary>
public static class GateShares
{
    /// <summary>
    /// Splits <paramref name="slots"/> among gates that could each use <paramref name="demands"/>[i] slots. The result
    /// never exceeds a demand, sums to at most <paramref name="slots"/>, and when it sums to less, every demand is met.
    /// </summary>
    public static int[] Split(int slots, IReadOnlyList<int> demands)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        var shares = new int[demands.Count];

        // Water-filling: smallest demands first, each met while it fits in an equal share of what is left.
        var bySize = Enumerable.Range(0, demands.Count).Where(i => demands[i] > 0).OrderBy(i => demands[i]).ToList();
        var left = slots;
        var met = 0;
        while (met < bySize.Count && (long)demands[bySize[met]] * (bySize.Count - met) <= left)
        {
            shares[bySize[met]] = demands[bySize[met]];
            left -= demands[bySize[met]];
            met++;
        }

        // The rest want more than an equal share: they split what is left evenly, the remainder going to the first in
        // the caller's order (oldest due work first).
        var hungry = bySize.Skip(met).Order().ToList();
        for (var k = 0; k < hungry.Count; k++)
        {
            shares[hungry[k]] = (left / hungry.Count) + (k < left % hungry.Count ? 1 : 0);
        }

        return shares;
    }
}
