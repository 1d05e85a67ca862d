using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class GateApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Put_Creates_ThenReplaces_AndTheGateIsListed()
    {
        var created = await _api.PutAsync("/api/v1/gates/billing-api", """{ "rate": "20/s", "burst": 40, "concurrency": 5, "adaptive": true }""");
        var replaced = await _api.PutAsync("/api/v1/gates/billing-api", """{ "rate": "600/m" }""");
        var listed = (await _api.GetAsync("/api/v1/gates")).Json["items"]!.AsArray();

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("20/s", created.Json["rate"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        var gate = Assert.Single(listed, g => g!["name"]!.GetValue<string>() == "billing-api")!;
        Assert.Equal(("10/s", 10, "named"), (gate["rate"]!.GetValue<string>(), gate["burst"]!.GetValue<int>(), gate["kind"]!.GetValue<string>()));
        Assert.Null(gate["concurrency"]);
    }

    [Fact]
    public async Task AJobThroughAGate_CountsInItsBacklog_AndPauseResumeShowTheState()
    {
        await _api.PutAsync("/api/v1/gates/g", """{ "rate": "1/s", "paused": true }""");
        var task = await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "http://127.0.0.1:9/x" }, "gate": "g" }""");
        Assert.Equal(HttpStatusCode.Created, task.Status);

        var paused = (await _api.GetAsync("/api/v1/gates/g")).Json;
        var resumed = (await _api.PostAsync("/api/v1/gates/g/resume", null)).Json;

        Assert.True(paused["paused"]!.GetValue<bool>());
        Assert.Equal(1, paused["backlog"]!.GetValue<int>() + paused["waiting"]!.GetValue<int>() + paused["in_flight"]!.GetValue<int>());
        Assert.False(resumed["paused"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TargetsWithoutAGate_GoThroughTheirHostsGate()
    {
        await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "http://127.0.0.1:9/x" }, "delay": "1h" }""");

        var gate = (await _api.GetAsync("/api/v1/gates/host%3A127.0.0.1%3A9")).Json;

        Assert.Equal("host", gate["kind"]!.GetValue<string>());
        Assert.Equal(1, gate["waiting"]!.GetValue<int>());
        (await _api.PutAsync("/api/v1/gates/host%3A127.0.0.1%3A9", """{ "rate": "1/s" }""")).Problem(HttpStatusCode.UnprocessableEntity);
        (await _api.DeleteAsync("/api/v1/gates/host%3A127.0.0.1%3A9")).Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("""{ "burst": 3 }""", "rate")]
    [InlineData("""{ "rate": "fast" }""", "rate")]
    [InlineData("""{ "rate": "1/s", "concurrency": 0 }""", "concurrency")]
    [InlineData("""{ "rate": "1/s", "extra": 1 }""", "extra")]
    [InlineData("""{ "rate": "1/s", "name": "other" }""", "name")]
    public async Task BadGates_Are422NamingTheField_AndStoreNothing(string body, string field)
    {
        Assert.Equal([field], (await _api.PutAsync("/api/v1/gates/g", body)).ErrorFields());
        (await _api.GetAsync("/api/v1/gates/g")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_IsRefusedWhileAJobNamesTheGate()
    {
        await _api.PutAsync("/api/v1/gates/g", """{ "rate": "1/s" }""");
        await _api.PostAsync("/api/v1/jobs", """{ "name": "j", "target": { "url": "https://x.test/" }, "gate": "g" }""");

        var refused = (await _api.DeleteAsync("/api/v1/gates/g")).Problem(HttpStatusCode.Conflict);
        await _api.DeleteAsync("/api/v1/jobs/j");

        Assert.Contains("'j'", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync("/api/v1/gates/g")).Status);
        (await _api.PostAsync("/api/v1/gates/g/pause", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Apply_DeclaresGates_AndRefusesAJobNamingAnUndeclaredOne()
    {
        var refused = await _api.PostAsync("/api/v1/apply", """{ "jobs": { "j": { "target": { "url": "https://x.test/" }, "gate": "nope" } } }""");
        var applied = (await _api.PostAsync("/api/v1/apply", """
            { "gates": { "api": { "rate": "5/s" } }, "jobs": { "j": { "target": { "url": "https://x.test/" }, "gate": "api" } } }
            """)).Json;

        Assert.Equal(["jobs.j.gate"], refused.ErrorFields());
        Assert.True(applied["applied"]!.GetValue<bool>());
        Assert.Contains(applied["changes"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "gate" && c["action"]!.GetValue<string>() == "create");
    }
}
