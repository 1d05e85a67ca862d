namespace Punctual.Core.CatchUp;

/// <summary>What happens to fires that fell due while the system was down or the job paused.</summary>
public enum CatchUpPolicy
{
    /// <summary>Run only the most recent missed fire; record the others skipped (default).</summary>
    Latest,

    /// <summary>Run every missed fire within the catch-up window; record older ones skipped.</summary>
    All,

    /// <summary>Record every missed fire skipped and wait for the next one.</summary>
    Skip,
}

public static class CatchUpPolicies
{
    /// <summary>Default window for <see cref="CatchUpPolicy.All"/>: one day.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(1);

    public static string ToText(CatchUpPolicy policy) => policy switch
    {
        CatchUpPolicy.Latest => "latest",
        CatchUpPolicy.All => "all",
        CatchUpPolicy.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static bool TryParse(string? text, out CatchUpPolicy policy)
    {
        policy = text switch
        {
            "latest" => CatchUpPolicy.Latest,
            "all" => CatchUpPolicy.All,
            "skip" => CatchUpPolicy.Skip,
            _ => (CatchUpPolicy)(-1),
        };
        return (int)policy >= 0;
    }
}
