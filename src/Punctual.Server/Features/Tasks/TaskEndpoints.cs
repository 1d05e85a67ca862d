using Punctual.Core.Definitions;
using Punctual.Engine.Signals;
using Punctual.Server.Auth;
using Punctual.Server.Features.Runs;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Server.Features.Tasks;

/// <summary>/api/v1/tasks: one-shot requests ("call this URL at 14:05"), deduplicated by an optional key.</summary>
public static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/tasks", CreateAsync)
            .RequireScope(Scope.Write)
            .WithTags("Tasks")
            .WithSummary("Create a one-shot task; the same key again returns the existing run");
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var now = time.GetUtcNow();
            var read = TaskDefinitionReader.Read(document!.RootElement, now);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            var task = read.Value!;
            if (task.Gate is { } gate && await store.Gates.GetAsync(gate, now, ct) is null)
            {
                return Jobs.JobEndpoints.GateNotFound(gate);
            }

            var result = await store.Runs.CreateTaskAsync(
                new TaskCreateRequest(task.Key, TaskDefinitionWriter.ToSpecJson(task), task.DueAt, now, task.GateName), ct);
            if (result.Created)
            {
                signals.RunsAvailable();
            }

            return Results.Json(
                RunView.From(result.Run),
                ApiJson.Options,
                statusCode: result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
    }
}
