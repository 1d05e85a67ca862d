namespace Punctual.Bench.Workloads;

/// <summary>Every workload, and which run when none is named.</summary>
internal static class WorkloadCatalog
{
    public static readonly IReadOnlyList<IWorkload> All =
    [
        new BurstWorkload(),
        new PrecisionWorkload(),
        new IdleCostWorkload(),
        new OutageWorkload(),
        new FailoverWorkload(),
        new ScaleWorkload(),
    ];

    /// <summary>With --quick: W1–W3 (the 5-minute smoke run); otherwise every workload.</summary>
    public static IReadOnlyList<string> Defaults(bool quick) => quick ? ["W1", "W2", "W3"] : All.Select(w => w.Id).ToList();

    public static IWorkload? Find(string id) => All.FirstOrDefault(w => w.Id == id);
}
