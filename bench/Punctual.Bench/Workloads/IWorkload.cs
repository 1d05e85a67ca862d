using System.Text.Json.Nodes;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// One workload of DESIGN.md §7. A workload starts its own server(s) through the context, drives them over HTTP,
/// and reads its figures from the sink and /proc. Adding a workload is adding one class to <see cref="WorkloadCatalog"/>.
/// </summary>
internal interface IWorkload
{
    /// <summary>W1 … W6.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>Null when the workload can run on <paramref name="store"/>; otherwise "not available yet: needs …".</summary>
    string? Unavailable(StoreBackend store);

    /// <summary>The workload's parameters, recorded in every result line.</summary>
    JsonObject Configuration(bool quick);

    Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken);
}
