using System.Globalization;
using Punctual.Core.Runs;
using Punctual.Engine.Dispatching;
using Punctual.Engine.Signals;
using Punctual.Server.Auth;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Server.Features.Runs;

/// <summary>/api/v1/runs: history with filters and cursor paging, detail with attempts, retry (replay) and cancel.</summary>
public static class RunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapGet("/", ListAsync).WithSummary("List runs, newest first");
        runs.MapGet("/{id}", GetAsync).WithSummary("Get a run with its attempts");
        runs.MapPost("/{id}/retry", RetryAsync).RequireScope(Scope.Write).WithSummary("Replay a dead or cancelled run with the same idempotency key");
        runs.MapPost("/{id}/cancel", CancelAsync).RequireScope(Scope.Write).WithSummary("Cancel a pending, failed or running run");
    }

    private static async Task<IResult> ListAsync(
        string? job, string? state, string? origin, string? cursor, string? limit, IPunctualStore store, CancellationToken ct)
    {
        if (!QueryValues.TryLimit(limit, 100, 1000, out var take, out var problem))
        {
            return problem!;
        }

        RunState? stateFilter = null;
        if (state is not null)
        {
            if (!RunStates.TryParse(state, out var parsed))
            {
                return ApiProblem.Malformed($"query parameter 'state' must be one of {RunStates.AllNames}, got '{state}'");
            }

            stateFilter = parsed;
        }

        RunOrigin? originFilter = null;
        if (origin is not null)
        {
            try
            {
                originFilter = RunOrigins.Parse(origin);
            }
            catch (FormatException)
            {
                return ApiProblem.Malformed($"query parameter 'origin' must be one of schedule, manual, task, backfill, got '{origin}'");
            }
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return ApiProblem.Malformed($"query parameter 'cursor' must be a cursor returned by a previous page, got '{cursor}'");
            }

            before = id;
        }

        var page = await store.Runs.ListAsync(new RunListRequest(job, stateFilter, originFilter, before, take), ct);
        var view = new RunPageView(
            page.Items.Select(r => RunView.From(r)).ToList(),
            page.NextCursor?.ToString(CultureInfo.InvariantCulture));
        return Results.Json(view, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, IPunctualStore store, CancellationToken ct)
    {
        if (!TryId(id, out var runId, out var problem))
        {
            return problem!;
        }

        var detail = await store.Runs.GetAsync(runId, ct);
        return detail is null ? NotFound(runId) : Results.Json(RunView.From(detail.Run, detail.Attempts), ApiJson.Options);
    }

    private static async Task<IResult> RetryAsync(string id, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        if (!TryId(id, out var runId, out var problem))
        {
            return problem!;
        }

        var result = await store.Runs.ReplayAsync(new ReplayRequest(runId, time.GetUtcNow()), ct);
        switch (result.Status)
        {
            case RunActionStatus.NotFound:
                return NotFound(runId);
            case RunActionStatus.NotAllowed:
                return ApiProblem.Conflict($"run {runId} is {RunStates.ToText(result.Run!.State)}; only dead or cancelled runs can be retried");
            default:
                signals.RunsAvailable();
                return Results.Json(RunView.From(result.Run!), ApiJson.Options);
        }
    }

    private static async Task<IResult> CancelAsync(string id, IPunctualStore store, InFlightRegistry inFlight, TimeProvider time, CancellationToken ct)
    {
        if (!TryId(id, out var runId, out var problem))
        {
            return problem!;
        }

        var result = await store.Runs.CancelAsync(new CancelRequest(runId, "cancelled through the API", time.GetUtcNow()), ct);
        switch (result.Status)
        {
            case RunActionStatus.NotFound:
                return NotFound(runId);
            case RunActionStatus.NotAllowed:
                return ApiProblem.Conflict($"run {runId} is {RunStates.ToText(result.Run!.State)} and can no longer be cancelled");
            default:
                if (result.WasRunning)
                {
                    // On this node the attempt stops now; on another node it stops at its next lease renewal.
                    inFlight.Abort(runId, "the run was cancelled");
                }

                return Results.Json(RunView.From(result.Run!), ApiJson.Options);
        }
    }

    private static bool TryId(string text, out long id, out IResult? problem)
    {
        problem = null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            return true;
        }

        problem = ApiProblem.Malformed($"'{(text.Length > 40 ? text[..40] : text)}' is not a run id");
        return false;
    }

    private static IResult NotFound(long id) => ApiProblem.NotFound($"there is no run {id}");
}
