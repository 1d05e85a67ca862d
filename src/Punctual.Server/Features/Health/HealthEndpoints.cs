using Punctual.Storage;

namespace Punctual.Server.Features.Health;

/// <summary>
/// <c>/healthz</c>: liveness (the process answers; it only listens once the store is migrated).
/// <c>/readyz</c>: readiness — the store answers a cheap read within two seconds — for load balancers that should
/// stop sending API traffic to a node that lost its database.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(2);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" })).WithTags("Health").WithSummary("Liveness");
        app.MapGet("/readyz", ReadyAsync).WithTags("Health").WithSummary("Readiness: the store answers");
    }

    private static async Task<IResult> ReadyAsync(IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            await store.Jobs.NextDueAtAsync(timeout.Token).WaitAsync(ReadyTimeout, time, ct);
            return Results.Json(new { status = "ready" });
        }
        catch (Exception e) when (e is StoreException or TimeoutException or OperationCanceledException)
        {
            return Results.Json(new { status = "unavailable", reason = "the store did not answer" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
