using System.Text.Json;
using Punctual.Core.Definitions;
using Punctual.Server.Auth;
using Punctual.Server.Features.Channels;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Monitors;

namespace Punctual.Server.Features.Monitors;

/// <summary>/api/v1/monitors: heartbeat checks (CRUD), their state and pings, token rotation, and pings by name.</summary>
public static class MonitorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var monitors = api.MapGroup("/monitors").WithTags("Monitors");
        monitors.MapGet("/", ListAsync).WithSummary("List monitors with their state");
        monitors.MapGet("/{name}", GetAsync).WithSummary("Get a monitor with its state and newest pings");
        monitors.MapPut("/{name}", PutAsync).RequireScope(Scope.Write).WithSummary("Create (the answer shows its ping token, once) or replace a monitor");
        monitors.MapDelete("/{name}", DeleteAsync).RequireScope(Scope.Write).WithSummary("Delete a monitor and its pings");
        monitors.MapPost("/{name}/token", RotateAsync).RequireScope(Scope.Write).WithSummary("Make a new ping token (shown once); the old one stops working");
        monitors.MapPost("/{name}/pings", PingAsync).RequireScope(Scope.Write).WithSummary("Record a ping by monitor name (what `punctual exec` uses)");
    }

    private static async Task<IResult> ListAsync(IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return Results.Json(new { items = (await store.Monitors.ListAsync(ct)).Select(m => MonitorView.From(m, now)).ToList() }, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string name, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        if (await store.Monitors.GetAsync(name, ct) is not { } monitor)
        {
            return NotFound(name);
        }

        var pings = await store.Monitors.ListPingsAsync(name, 20, ct);
        return Results.Json(MonitorView.From(monitor, time.GetUtcNow(), pings), ApiJson.Options);
    }

    private static async Task<IResult> PutAsync(string name, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var read = MonitorDefinitionReader.Read(document!.RootElement, "", name);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            if (await ChannelUsage.UnknownChannelsAsync(store, read.Value!.Channels, "channels", ct) is { Count: > 0 } unknown)
            {
                return ApiProblem.Invalid(unknown);
            }

            var now = time.GetUtcNow();
            var token = PingTokens.Create();
            var status = await store.Monitors.UpsertAsync(new MonitorUpsertRequest(name, MonitorDefinitionWriter.ToJson(read.Value!), PingTokens.Hash(token), now), ct);
            var monitor = (await store.Monitors.GetAsync(name, ct))!;
            var created = status == MonitorWriteStatus.Created;
            return Results.Json(MonitorView.From(monitor, now, token: created ? token : null), ApiJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
    }

    private static async Task<IResult> DeleteAsync(string name, IPunctualStore store, CancellationToken ct) =>
        await store.Monitors.DeleteAsync(name, ct) == MonitorWriteStatus.Deleted ? Results.NoContent() : NotFound(name);

    private static async Task<IResult> RotateAsync(string name, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var token = PingTokens.Create();
        var now = time.GetUtcNow();
        if (!await store.Monitors.SetTokenAsync(name, PingTokens.Hash(token), now, ct))
        {
            return NotFound(name);
        }

        return Results.Json(MonitorView.From((await store.Monitors.GetAsync(name, ct))!, now, token: token), ApiJson.Options);
    }

    private static async Task<IResult> PingAsync(string name, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ApiProblem.Invalid("", "expected an object { kind, exit_status?, output? }");
            }

            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (kind is not ("start" or "success" or "fail"))
            {
                return ApiProblem.Invalid("kind", "must be start, success or fail");
            }

            int? exit = null;
            if (root.TryGetProperty("exit_status", out var e) && e.ValueKind != JsonValueKind.Null)
            {
                if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var value) || value is < 0 or > 255)
                {
                    return ApiProblem.Invalid("exit_status", "must be a whole number from 0 to 255");
                }

                exit = value;
            }

            string? output = null;
            if (root.TryGetProperty("output", out var o) && o.ValueKind != JsonValueKind.Null)
            {
                if (o.ValueKind != JsonValueKind.String)
                {
                    return ApiProblem.Invalid("output", "must be a string");
                }

                output = o.GetString()!;
                output = output.Length > PingEndpoints.MaxOutputBytes ? output[^PingEndpoints.MaxOutputBytes..] : output;
            }

            var ping = await store.Monitors.RecordPingAsync(new MonitorPingRequest(name, null, kind, exit, output, time.GetUtcNow()), ct);
            return ping is null
                ? NotFound(name)
                : Results.Json(new { id = ping.Id, monitor = ping.Monitor, kind = ping.Kind, at = ping.At, exit_status = ping.ExitStatus, duration_ms = ping.DurationMs }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
    }

    private static IResult NotFound(string name) => ApiProblem.NotFound($"no monitor named '{name}'");
}
