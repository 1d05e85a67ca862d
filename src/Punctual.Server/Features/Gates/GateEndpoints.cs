using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Engine.Signals;
using Punctual.Server.Auth;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Gates;

namespace Punctual.Server.Features.Gates;

/// <summary>/api/v1/gates: named gates (CRUD) and host gates (read, pause, resume), with backlog and in-flight counts.</summary>
public static class GateEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var gates = api.MapGroup("/gates").WithTags("Gates");
        gates.MapGet("/", ListAsync).WithSummary("List gates (named and host gates) with backlog, in-flight and effective rate");
        gates.MapGet("/{name}", GetAsync).WithSummary("Get a gate");
        gates.MapPut("/{name}", PutAsync).RequireScope(Scope.Write).WithSummary("Create or replace a named gate");
        gates.MapDelete("/{name}", DeleteAsync).RequireScope(Scope.Write).WithSummary("Delete a named gate no job or waiting run names");
        gates.MapPost("/{name}/pause", (string name, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct) =>
            SetPausedAsync(name, true, store, signals, time, ct)).RequireScope(Scope.Write).WithSummary("Pause a gate: it releases nothing until resumed");
        gates.MapPost("/{name}/resume", (string name, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct) =>
            SetPausedAsync(name, false, store, signals, time, ct)).RequireScope(Scope.Write).WithSummary("Resume a gate: its backlog drains at the gate's limits, starting slow");
    }

    private static async Task<IResult> ListAsync(IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var gates = await store.Gates.ListAsync(now, ct);
        return Results.Json(new { items = gates.Select(g => GateView.From(g, now)).ToList() }, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string name, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await store.Gates.GetAsync(name, now, ct) is { } gate
            ? Results.Json(GateView.From(gate, now), ApiJson.Options)
            : NotFound(name);
    }

    private static async Task<IResult> PutAsync(string name, HttpRequest request, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        if (GateNames.IsHostGate(name))
        {
            return ApiProblem.Invalid("name", $"'{name}' is a host's default gate: its limits are the server's HostGate* settings; declare a named gate and name it on the jobs instead");
        }

        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var read = GateDefinitionReader.Read(document!.RootElement, "", name);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            if (read.Value!.Alert is { } alert
                && await Channels.ChannelUsage.UnknownChannelsAsync(store, alert.Channels, "alert.channels", ct) is { Count: > 0 } unknownChannels)
            {
                return ApiProblem.Invalid(unknownChannels);
            }

            var now = time.GetUtcNow();
            var written = await store.Gates.UpsertAsync(new GateUpsertRequest(read.Value!, now), ct);
            signals.RunsAvailable(); // new limits (or an unpause) may release waiting work at once
            var view = GateView.From((await store.Gates.GetAsync(name, now, ct))!, now);
            return Results.Json(view, ApiJson.Options, statusCode: written.Status == GateWriteStatus.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
    }

    private static async Task<IResult> DeleteAsync(string name, IPunctualStore store, CancellationToken ct)
    {
        if (GateNames.IsHostGate(name))
        {
            return ApiProblem.Invalid("name", $"'{name}' is a host's default gate; it cannot be deleted (pause it instead)");
        }

        var result = await store.Gates.DeleteAsync(name, ct);
        return result.Status switch
        {
            GateWriteStatus.NotFound => NotFound(name),
            GateWriteStatus.InUse => ApiProblem.Conflict($"gate '{name}' is still named by {string.Join(", ", result.UsedBy.Select(u => $"'{u}'"))}; move or delete those first"),
            _ => Results.NoContent(),
        };
    }

    private static async Task<IResult> SetPausedAsync(string name, bool paused, IPunctualStore store, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var result = await store.Gates.SetPausedAsync(new GatePauseRequest(name, paused, now), ct);
        if (result.Status == GateWriteStatus.NotFound)
        {
            return NotFound(name);
        }

        if (!paused)
        {
            signals.RunsAvailable();
        }

        return Results.Json(GateView.From((await store.Gates.GetAsync(name, now, ct))!, now), ApiJson.Options);
    }

    private static IResult NotFound(string name) => ApiProblem.NotFound($"no gate named '{name}'");
}
