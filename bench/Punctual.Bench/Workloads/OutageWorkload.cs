using System.Text.Json.Nodes;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W4 outage (DESIGN.md §7): 1,000 jobs a minute behind a gate, the server stopped for 10 minutes, then restarted:
/// runs created per catch-up policy, and the sink never sees more than the gate allows in any second. Needs gates.
/// </summary>
internal sealed class OutageWorkload : IWorkload
{
    public string Id => "W4";

    public string Title => "outage: 10 minutes down under 1,000 jobs a minute, with gates";

    public string? Unavailable(StoreBackend store) =>
        "not available yet: needs rate gates (the gates issue); jobs cannot name a gate in this version";

    public JsonObject Configuration(bool quick) => [];

    public Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Unavailable(context.Store));
}
