using System.Text.Json.Nodes;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W5 failover (DESIGN.md §7): W1 on 3 nodes sharing one PostgreSQL, one node killed with SIGKILL every 10 s:
/// nothing lost, nothing doubled beyond the attempts in flight at each kill. Needs the cluster.
/// </summary>
internal sealed class FailoverWorkload : IWorkload
{
    public string Id => "W5";

    public string Title => "failover: W1 on 3 nodes, one killed every 10 s";

    public string? Unavailable(StoreBackend store) =>
        "not available yet: needs the cluster (several `punctual serve` nodes on one PostgreSQL: the PostgreSQL and cluster issues)";

    public JsonObject Configuration(bool quick) => [];

    public Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Unavailable(context.Store));
}
