using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class MonitorApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Put_Creates_ShowingTheTokenOnce_AndPingsNeedNoKey()
    {
        var created = await _api.PutAsync("/api/v1/monitors/backup", """{ "period": "1h", "grace": "10m" }""");
        var replaced = await _api.PutAsync("/api/v1/monitors/backup", """{ "period": "2h", "grace": "10m" }""");
        var token = created.Json["token"]!.GetValue<string>();

        var ping = await _api.SendAsync(HttpMethod.Post, $"/ping/{token}/start", null, key: null);
        var shown = (await _api.GetAsync("/api/v1/monitors/backup")).Json;

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("new", created.Json["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Null(replaced.Json["token"]);
        Assert.Equal(HttpStatusCode.OK, ping.Status);
        Assert.Equal("start", shown["pings"]![0]!["kind"]!.GetValue<string>());
        Assert.Null(shown["token"]);
        Assert.DoesNotContain(token, (await _api.Store.Monitors.GetAsync("backup", CancellationToken.None))!.SpecJson);
    }

    [Theory]
    [InlineData("""{ "period": "0s" }""", "period")]
    [InlineData("""{ "period": "1h", "grace": "a while" }""", "grace")]
    [InlineData("""{ "grace": "5m" }""", "schedule")]
    [InlineData("""{ "schedule": "61 * * * *" }""", "schedule")]
    [InlineData("""{ "period": "1h", "timezone": "Mars/Olympus" }""", "timezone")]
    [InlineData("""{ "period": "1h", "channels": ["nope"] }""", "channels[0]")]
    public async Task BadInput_Is422_AndCreatesNothing(string body, string field)
    {
        var response = await _api.PutAsync("/api/v1/monitors/backup", body);

        Assert.Equal([field], response.ErrorFields());
        Assert.Empty(await _api.Store.Monitors.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UnknownMonitor_Is404_AndUnknownTokensRecordNothing()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("/api/v1/monitors/nope")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("/api/v1/monitors/nope/pings", """{ "kind": "start" }""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("/api/v1/monitors/nope/token", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, "/ping/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, key: null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, "/ping/short", null, key: null)).Status);
    }

    [Fact]
    public async Task PingByName_BadKindOrExitStatus_Is422()
    {
        await _api.PutAsync("/api/v1/monitors/backup", """{ "period": "1h" }""");

        Assert.Equal(["kind"], (await _api.PostAsync("/api/v1/monitors/backup/pings", """{ "kind": "finish" }""")).ErrorFields());
        Assert.Equal(["exit_status"], (await _api.PostAsync("/api/v1/monitors/backup/pings", """{ "kind": "fail", "exit_status": 300 }""")).ErrorFields());
        Assert.Empty(await _api.Store.Monitors.ListPingsAsync("backup", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Apply_CreatesMonitors_ReturningTheirTokensOnce()
    {
        var applied = await _api.PostAsync("/api/v1/apply", """{ "monitors": { "backup": { "period": "1h" } } }""");
        var again = await _api.PostAsync("/api/v1/apply", """{ "monitors": { "backup": { "period": "1h" } } }""");
        var pruned = await _api.PostAsync("/api/v1/apply?prune=true", """{ }""");

        Assert.Equal(HttpStatusCode.OK, applied.Status);
        var token = applied.Json["monitor_tokens"]!["backup"]!.GetValue<string>();
        Assert.Null(again.Json["monitor_tokens"]);
        Assert.Contains("\"action\":\"unchanged\"", again.Body);
        Assert.Contains("\"kind\":\"monitor\",\"name\":\"backup\",\"action\":\"delete\"", pruned.Body);
        Assert.Empty(await _api.Store.Monitors.ListAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/ping/{token}", null, key: null)).Status);
    }
}
