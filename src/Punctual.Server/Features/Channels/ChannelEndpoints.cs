using Punctual.Core.Definitions;
using Punctual.Engine.Alerts;
using Punctual.Engine.Channels;
using Punctual.Server.Auth;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Alerts;

namespace Punctual.Server.Features.Channels;

/// <summary>/api/v1/channels: where alerts go (webhook, Slack, e-mail): CRUD and a test message.</summary>
public static class ChannelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Channels");
        channels.MapGet("/", ListAsync).WithSummary("List alert channels");
        channels.MapGet("/{name}", GetAsync).WithSummary("Get an alert channel");
        channels.MapPut("/{name}", PutAsync).RequireScope(Scope.Write).WithSummary("Create or replace an alert channel");
        channels.MapDelete("/{name}", DeleteAsync).RequireScope(Scope.Write).WithSummary("Delete an alert channel no job's alert names");
        channels.MapPost("/{name}/test", TestAsync).RequireScope(Scope.Write).WithSummary("Send a test message through the channel, now");
    }

    private static async Task<IResult> ListAsync(IPunctualStore store, CancellationToken ct) =>
        Results.Json(new { items = (await store.Alerts.ListChannelsAsync(ct)).Select(ChannelView.From).ToList() }, ApiJson.Options);

    private static async Task<IResult> GetAsync(string name, IPunctualStore store, CancellationToken ct) =>
        await store.Alerts.GetChannelAsync(name, ct) is { } channel
            ? Results.Json(ChannelView.From(channel), ApiJson.Options)
            : NotFound(name);

    private static async Task<IResult> PutAsync(string name, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var read = ChannelDefinitionReader.Read(document!.RootElement, "", name);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            var status = await store.Alerts.UpsertChannelAsync(new ChannelUpsertRequest(name, ChannelDefinitionWriter.ToJson(read.Value!), time.GetUtcNow()), ct);
            var channel = (await store.Alerts.GetChannelAsync(name, ct))!;
            return Results.Json(ChannelView.From(channel), ApiJson.Options, statusCode: status == ChannelWriteStatus.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
    }

    private static async Task<IResult> DeleteAsync(string name, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        if (await store.Alerts.GetChannelAsync(name, ct) is null)
        {
            return NotFound(name);
        }

        var users = await ChannelUsage.JobsNamingAsync(store, name, time.GetUtcNow(), ct);
        if (users.Count > 0)
        {
            return ApiProblem.Conflict($"channel '{name}' is named by {string.Join(", ", users.Take(10))}; change them first");
        }

        return await store.Alerts.DeleteChannelAsync(name, ct) == ChannelWriteStatus.Deleted ? Results.NoContent() : NotFound(name);
    }

    private static async Task<IResult> TestAsync(string name, IPunctualStore store, ChannelSenders senders, TimeProvider time, CancellationToken ct)
    {
        if (await store.Alerts.GetChannelAsync(name, ct) is not { } channel)
        {
            return NotFound(name);
        }

        var error = await senders.SendAsync(channel.SpecJson, AlertMessage.Test(name, time.GetUtcNow()), ct);
        if (error is null)
        {
            return Results.Json(new { channel = name, delivered = true }, ApiJson.Options);
        }

        var body = new ProblemBody(
            "https://punctual.dev/problems/delivery-failed", "The test message was not delivered", StatusCodes.Status502BadGateway, $"channel '{name}': {error}", null);
        return Results.Json(body, ApiJson.Options, "application/problem+json", StatusCodes.Status502BadGateway);
    }

    private static IResult NotFound(string name) => ApiProblem.NotFound($"no channel named '{name}'");
}
