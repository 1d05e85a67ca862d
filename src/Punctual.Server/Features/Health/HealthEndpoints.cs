namespace Punctual.Server.Features.Health;

/// <summary>Liveness for load balancers and scripts. The server only listens once the store is migrated, so answering means ready.</summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" })).WithTags("Health").WithSummary("Liveness");
    }
}
