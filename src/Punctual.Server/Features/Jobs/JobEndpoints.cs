using System.Text.Json;
using Punctual.Core.Definitions;
using Punctual.Core.Planning;
using Punctual.Core.Time;
using Punctual.Engine.Scheduling;
using Punctual.Engine.Signals;
using Punctual.Engine.Specs;
using Punctual.Server.Auth;
using Punctual.Server.Features.Runs;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Jobs;

namespace Punctual.Server.Features.Jobs;

/// <summary>/api/v1/jobs: CRUD, trigger, pause, resume, next fires.</summary>
public static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListAsync).WithSummary("List jobs by name");
        jobs.MapPost("/", CreateAsync).RequireScope(Scope.Write).WithSummary("Create a job");
        jobs.MapGet("/{name}", GetAsync).WithSummary("Get a job");
        jobs.MapPut("/{name}", PutAsync).RequireScope(Scope.Write).WithSummary("Create or replace a job");
        jobs.MapDelete("/{name}", DeleteAsync).RequireScope(Scope.Write).WithSummary("Delete a job and its history");
        jobs.MapPost("/{name}/trigger", TriggerAsync).RequireScope(Scope.Write).WithSummary("Run a job now (honours its overlap policy)");
        jobs.MapPost("/{name}/pause", (string name, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct) =>
            SetPausedAsync(name, true, store, signals, time, ct)).RequireScope(Scope.Write).WithSummary("Pause a job");
        jobs.MapPost("/{name}/resume", (string name, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct) =>
            SetPausedAsync(name, false, store, signals, time, ct)).RequireScope(Scope.Write).WithSummary("Resume a job (missed fires follow its catch-up policy)");
        jobs.MapGet("/{name}/next", NextAsync).WithSummary("Preview the job's next fire times");
    }

    private static async Task<IResult> ListAsync(string? after, string? limit, IPunctualStore store, CancellationToken ct)
    {
        if (!QueryValues.TryLimit(limit, 500, 1000, out var take, out var problem))
        {
            return problem!;
        }

        var items = await store.Jobs.ListAsync(new JobListRequest(after, take), ct);
        var next = items.Count == take ? items[^1].Job.Name : null;
        return Results.Json(new { items = items.Select(i => JobView.From(i.Job, i.LastRun)).ToList(), next_cursor = next }, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string name, IPunctualStore store, CancellationToken ct)
    {
        var job = await store.Jobs.GetAsync(name, ct);
        if (job is null)
        {
            return NotFound(name);
        }

        var lastRun = (await store.Runs.ListAsync(new Storage.Runs.RunListRequest(JobName: name, Limit: 1), ct)).Items.FirstOrDefault();
        return Results.Json(JobView.From(job, lastRun), ApiJson.Options);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IPunctualStore store, JobChanges changes, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var read = JobDefinitionReader.Read(document!.RootElement, "", null);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            if (await Channels.ChannelUsage.UnknownChannelsAsync(store, read.Value!, "", null, ct) is { Count: > 0 } unknownChannels)
            {
                return ApiProblem.Invalid(unknownChannels);
            }

            var result = await store.Jobs.CreateAsync(changes.Create(read.Value!, time.GetUtcNow()), ct);
            if (result.Status == JobWriteStatus.GateNotFound)
            {
                return GateNotFound(read.Value!.Gate);
            }

            if (result.Status == JobWriteStatus.AlreadyExists)
            {
                return ApiProblem.Conflict($"a job named '{read.Value!.Name}' already exists; use PUT /api/v1/jobs/{read.Value!.Name} to replace it");
            }

            signals.JobsChanged();
            return Results.Json(JobView.From(result.Job!, null), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> PutAsync(string name, HttpRequest request, IPunctualStore store, JobChanges changes, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var read = JobDefinitionReader.Read(document!.RootElement, "", name);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            if (await Channels.ChannelUsage.UnknownChannelsAsync(store, read.Value!, "", null, ct) is { Count: > 0 } unknownChannels)
            {
                return ApiProblem.Invalid(unknownChannels);
            }

            var now = time.GetUtcNow();
            var existing = await store.Jobs.GetAsync(name, ct);
            if (existing is null)
            {
                var created = await store.Jobs.CreateAsync(changes.Create(read.Value!, now), ct);
                if (created.Status == JobWriteStatus.GateNotFound)
                {
                    return GateNotFound(read.Value!.Gate);
                }

                if (created.Done)
                {
                    signals.JobsChanged();
                    return Results.Json(JobView.From(created.Job!, null), ApiJson.Options, statusCode: StatusCodes.Status201Created);
                }

                return ApiProblem.Conflict($"job '{name}' was created concurrently; retry");
            }

            var updated = await store.Jobs.UpdateAsync(changes.Update(existing, read.Value!, now, conditional: true), ct);
            if (updated.Status == JobWriteStatus.GateNotFound)
            {
                return GateNotFound(read.Value!.Gate);
            }

            if (!updated.Done)
            {
                return ApiProblem.Conflict($"job '{name}' changed concurrently; retry");
            }

            signals.JobsChanged();
            return Results.Json(JobView.From(updated.Job!, null), ApiJson.Options);
        }
    }

    private static async Task<IResult> DeleteAsync(string name, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var result = await store.Jobs.DeleteAsync(new JobDeleteRequest(name, null, time.GetUtcNow()), ct);
        return result.Status == JobWriteStatus.NotFound ? NotFound(name) : Results.NoContent();
    }

    private static async Task<IResult> TriggerAsync(
        string name, HttpRequest request, IPunctualStore store, FirePlanning planning, EngineSignals signals, SpecCache specs, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        string? bodyOverride = null;
        using (document)
        {
            if (document is not null)
            {
                var read = TriggerBody.Read(document.RootElement);
                if (read.Errors.Count > 0)
                {
                    return ApiProblem.Invalid(read.Errors);
                }

                bodyOverride = read.BodyJson;
            }
        }

        // A body replaces an HTTP target's body; a command has none, and silently dropping it would surprise.
        if (bodyOverride is not null
            && await store.Jobs.GetAsync(name, ct) is { } job
            && specs.Job(job.SpecJson).Target is Core.Targets.CommandTargetSpec)
        {
            return ApiProblem.Invalid("body", "a command job takes no body; its command and env are fixed by its definition");
        }

        var result = await store.Jobs.TriggerAsync(new TriggerRequest(name, bodyOverride, time.GetUtcNow()), planning, ct);
        if (!result.JobFound)
        {
            return NotFound(name);
        }

        signals.RunsAvailable();
        return Results.Json(RunView.From(result.Run!), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetPausedAsync(string name, bool paused, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        var result = await store.Jobs.SetPausedAsync(new JobPauseRequest(name, paused, time.GetUtcNow()), ct);
        if (result.Status == JobWriteStatus.NotFound)
        {
            return NotFound(name);
        }

        signals.JobsChanged();
        return Results.Json(JobView.From(result.Job!, null, includeLastRun: false), ApiJson.Options);
    }

    private static async Task<IResult> NextAsync(string name, string? count, IPunctualStore store, SpecCache specs, CancellationToken ct)
    {
        if (!QueryValues.TryLimit(count, 10, 100, out var take, out var problem, "count"))
        {
            return problem!;
        }

        var job = await store.Jobs.GetAsync(name, ct);
        if (job is null)
        {
            return NotFound(name);
        }

        var definition = specs.Job(job.SpecJson);
        var schedule = specs.Schedule(job.SpecJson, job.CreatedAt);
        var fires = new List<object>();
        var cursor = job.NextFireAt;
        var counted = job.RunsCounted;
        while (cursor is { } fire && fires.Count < take)
        {
            fires.Add(new { scheduled_for = Instants.Format(fire), due_at = Instants.Format(FirePlanner.DueAt(definition, fire)) });
            cursor = FirePlanner.NextFire(definition, schedule, fire, ++counted)?.Fire;
        }

        return Results.Json(new { fires }, ApiJson.Options);
    }

    private static IResult NotFound(string name) => ApiProblem.NotFound($"there is no job named '{name}'");

    /// <summary>A job naming a gate that does not exist: a field error, like any other bad input.</summary>
    internal static IResult GateNotFound(string? gate) =>
        ApiProblem.Invalid("gate", $"no gate named '{gate}'; declare it first (PUT /api/v1/gates/{gate}, or under 'gates:' in the config file)");
}
