namespace Punctual.Core.Overlap;

/// <summary>What happens when a fire is due while an earlier run of the same job is still active.</summary>
public enum OverlapPolicy
{
    /// <summary>Record the new run as skipped (default).</summary>
    Forbid,

    /// <summary>Keep at most one run waiting behind the active one; further fires are skipped.</summary>
    BufferOne,

    /// <summary>Run concurrently.</summary>
    Allow,

    /// <summary>Cancel the active run(s) and start the new one.</summary>
    Replace,
}

public static class OverlapPolicies
{
    public static string ToText(OverlapPolicy policy) => policy switch
    {
        OverlapPolicy.Forbid => "forbid",
        OverlapPolicy.BufferOne => "buffer_one",
        OverlapPolicy.Allow => "allow",
        OverlapPolicy.Replace => "replace",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static bool TryParse(string? text, out OverlapPolicy policy)
    {
        policy = text switch
        {
            "forbid" => OverlapPolicy.Forbid,
            "buffer_one" => OverlapPolicy.BufferOne,
            "allow" => OverlapPolicy.Allow,
            "replace" => OverlapPolicy.Replace,
            _ => (OverlapPolicy)(-1),
        };
        return (int)policy >= 0;
    }

    /// <summary>Runs of a job whose policy is not <c>allow</c> never run side by side: the claim waits for the active one.</summary>
    public static bool IsExclusive(OverlapPolicy policy) => policy != OverlapPolicy.Allow;
}
