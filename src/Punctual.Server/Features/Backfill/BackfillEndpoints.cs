using Punctual.Core.Backfill;
using Punctual.Core.Definitions;
using Punctual.Core.Runs;
using Punctual.Core.Time;
using Punctual.Engine.Scheduling;
using Punctual.Engine.Signals;
using Punctual.Engine.Specs;
using Punctual.Server.Auth;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Jobs;

namespace Punctual.Server.Features.Backfill;

/// <summary>
/// /api/v1/jobs/{name}/backfill: POST creates the fires of a range (idempotent: fires that have a run keep it),
/// GET reports the range's progress, fire by fire, as the job's gate drains it.
/// </summary>
public static class BackfillEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapPost("/{name}/backfill", BackfillAsync).RequireScope(Scope.Write)
            .WithSummary("Create the job's fires between two instants (idempotent), released through its gate");
        jobs.MapGet("/{name}/backfill", ProgressAsync).WithSummary("Progress of a backfill: the range's fires by state");
    }

    private static async Task<IResult> BackfillAsync(
        string name, HttpRequest request, IPunctualStore store, SpecCache specs, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        BackfillRange range;
        bool dryRun;
        using (document)
        {
            var read = BackfillBody.Read(document!.RootElement, now);
            if (read.Errors.Count > 0)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            (range, dryRun) = (read.Range!, read.DryRun);
        }

        var result = await store.Jobs.BackfillAsync(new BackfillRequest(name, now, dryRun), new BackfillPlanning(specs, range), ct);
        switch (result.Status)
        {
            case BackfillStatus.JobNotFound:
                return NotFound(name);
            case BackfillStatus.NotScheduled:
                return ApiProblem.Conflict($"job '{name}' runs on demand only: it has no fires to backfill (trigger it instead)");
            case BackfillStatus.TooManyFires:
                return ApiProblem.Invalid("from", $"the range holds more than {BackfillPlanner.MaxFires:N0} fires; split it into smaller ranges");
        }

        if (result.Created > 0 && !dryRun)
        {
            signals.RunsAvailable();
        }

        return Results.Json(
            new
            {
                job = name,
                from = Instants.Format(range.From),
                to = Instants.Format(range.To),
                dry_run = dryRun,
                fires = result.Fires,
                created = result.Created,
                existing = result.Fires - result.Created,
            },
            ApiJson.Options);
    }

    private static async Task<IResult> ProgressAsync(string name, string? from, string? to, IPunctualStore store, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        // Progress may be asked of any past range; only a backfill refuses a future 'to'.
        var range = BackfillBody.ReadRange(from, to, DateTimeOffset.MaxValue, errors);
        if (range is null)
        {
            return ApiProblem.Invalid(errors);
        }

        var counts = await store.Jobs.CountFiresAsync(new FireCountRequest(name, range.From, range.To), ct);
        if (counts is null)
        {
            return NotFound(name);
        }

        var waiting = counts.Count(RunState.Pending) + counts.Count(RunState.Failed);
        var running = counts.Count(RunState.Running);
        return Results.Json(
            new
            {
                job = name,
                from = Instants.Format(range.From),
                to = Instants.Format(range.To),
                fires = counts.Total,
                waiting,
                running,
                succeeded = counts.Count(RunState.Succeeded),
                dead = counts.Count(RunState.Dead),
                skipped = counts.Count(RunState.Skipped),
                cancelled = counts.Count(RunState.Cancelled),
                done = waiting + running == 0,
            },
            ApiJson.Options);
    }

    private static IResult NotFound(string name) => ApiProblem.NotFound($"there is no job named '{name}'");
}
