using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class JobApiTests : IAsyncLifetime
{
    private const string Nightly = """{ "name": "nightly", "schedule": "0 2 * * *", "timezone": "Europe/Paris", "target": { "url": "https://example.test/hook" } }""";

    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Create_Returns201WithTheNormalizedDefinitionAndState()
    {
        var created = await _api.PostAsync("/api/v1/jobs", Nightly);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var job = created.Json;
        Assert.Equal("nightly", job["name"]!.GetValue<string>());
        Assert.Equal("POST", job["target"]!["method"]!.GetValue<string>());
        Assert.Equal("30s", job["timeout"]!.GetValue<string>());
        Assert.Equal(3, job["retry"]!["attempts"]!.GetValue<int>());
        Assert.Equal("forbid", job["overlap"]!.GetValue<string>());
        Assert.Equal("latest", job["catch_up"]!.GetValue<string>());
        Assert.Equal("active", job["state"]!.GetValue<string>());
        // 02:00 Paris on 2026-03-03 is 01:00Z (CET, UTC+1).
        Assert.Equal("2026-03-03T01:00:00Z", job["next_fire_at"]!.GetValue<string>());
        Assert.Equal(1, job["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_ACommandJob_KeepsTheCommand_AndGivesItNoHostGate()
    {
        var created = await _api.PostAsync(
            "/api/v1/jobs",
            """{ "name": "backup", "schedule": "0 3 * * *", "target": { "command": ["/usr/local/bin/backup", "--full"], "env": { "DB_PASSWORD": "${env:DB_PASSWORD}" }, "workdir": "/srv" } }""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var target = created.Json["target"]!;
        Assert.Equal(["/usr/local/bin/backup", "--full"], target["command"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("${env:DB_PASSWORD}", target["env"]!["DB_PASSWORD"]!.GetValue<string>());
        Assert.Equal("/srv", target["workdir"]!.GetValue<string>());
        Assert.Null(target["url"]);
        Assert.Empty(await _api.Store.Gates.ListAsync(_api.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Trigger_ACommandJobWithABody_Is422_AndCreatesNoRun()
    {
        await _api.PostAsync("/api/v1/jobs", """{ "name": "backup", "target": { "command": ["/bin/true"] } }""");

        var response = await _api.PostAsync("/api/v1/jobs/backup/trigger", """{ "body": { "full": true } }""");

        Assert.Equal(["body"], response.ErrorFields());
        Assert.Contains("a command job takes no body", response.ErrorMessage("body"), StringComparison.Ordinal);
        Assert.Empty((await _api.Store.Runs.ListAsync(new Punctual.Storage.Runs.RunListRequest(), CancellationToken.None)).Items);
        Assert.Equal(HttpStatusCode.Created, (await _api.PostAsync("/api/v1/jobs/backup/trigger", null)).Status);
    }

    [Fact]
    public async Task Create_TwiceWithOneName_Is409_AndKeepsTheFirst()
    {
        await _api.PostAsync("/api/v1/jobs", Nightly);

        var again = await _api.PostAsync("/api/v1/jobs", Nightly.Replace("0 2 * * *", "0 3 * * *", StringComparison.Ordinal));

        again.Problem(HttpStatusCode.Conflict);
        Assert.Equal("0 2 * * *", (await _api.GetAsync("/api/v1/jobs/nightly")).Json["schedule"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_CreatesThenReplaces_AndReschedulesOnlyWhenTheScheduleChanges()
    {
        var body = """{ "every": "10m", "target": { "url": "https://example.test/a" } }""";
        Assert.Equal(HttpStatusCode.Created, (await _api.PutAsync("/api/v1/jobs/sync", body)).Status);
        var first = (await _api.GetAsync("/api/v1/jobs/sync")).Json;
        Assert.Equal("2026-03-02T08:10:00Z", first["next_fire_at"]!.GetValue<string>());

        _api.Time.Advance(TimeSpan.FromMinutes(3));
        var retargeted = await _api.PutAsync("/api/v1/jobs/sync", body.Replace("/a", "/b", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, retargeted.Status);
        Assert.Equal("2026-03-02T08:10:00Z", retargeted.Json["next_fire_at"]!.GetValue<string>());
        Assert.Equal(2, retargeted.Json["version"]!.GetValue<long>());

        var rescheduled = await _api.PutAsync("/api/v1/jobs/sync", """{ "every": "1h", "target": { "url": "https://example.test/b" } }""");
        Assert.Equal("2026-03-02T09:00:00Z", rescheduled.Json["next_fire_at"]!.GetValue<string>()); // anchored at creation
    }

    [Fact]
    public async Task Delete_RemovesTheJob()
    {
        await _api.PostAsync("/api/v1/jobs", Nightly);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync("/api/v1/jobs/nightly")).Status);
        (await _api.GetAsync("/api/v1/jobs/nightly")).Problem(HttpStatusCode.NotFound);
        (await _api.DeleteAsync("/api/v1/jobs/nightly")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PauseAndResume_ChangeTheState_AndKeepTheNextFire()
    {
        await _api.PostAsync("/api/v1/jobs", Nightly);

        var paused = await _api.PostAsync("/api/v1/jobs/nightly/pause", null);
        Assert.Equal("paused", paused.Json["state"]!.GetValue<string>());
        var resumed = await _api.PostAsync("/api/v1/jobs/nightly/resume", null);
        Assert.Equal("active", resumed.Json["state"]!.GetValue<string>());
        Assert.Equal("2026-03-03T01:00:00Z", resumed.Json["next_fire_at"]!.GetValue<string>());
        (await _api.PostAsync("/api/v1/jobs/nope/pause", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Next_PreviewsFireTimes_AcrossDst()
    {
        await _api.PostAsync("/api/v1/jobs", """{ "name": "half-two", "schedule": "30 2 * * *", "timezone": "Europe/Paris", "target": { "url": "https://example.test/" } }""");
        _api.Time.Advance(TimeSpan.Zero);

        var fires = (await _api.GetAsync("/api/v1/jobs/half-two/next?count=30")).Json["fires"]!.AsArray()
            .Select(f => f!["scheduled_for"]!.GetValue<string>()).ToList();

        Assert.Equal(30, fires.Count);
        Assert.Equal("2026-03-03T01:30:00Z", fires[0]);
        Assert.Contains("2026-03-29T01:00:00Z", fires); // 02:30 does not exist that day: fires at the transition
        Assert.Contains("2026-03-30T00:30:00Z", fires); // CEST afterwards
        (await _api.GetAsync("/api/v1/jobs/half-two/next?count=0")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Trigger_CreatesAManualRun_WithAnOptionalBodyOverride()
    {
        await _api.PostAsync("/api/v1/jobs", """{ "name": "adhoc", "target": { "url": "https://example.test/" } }""");

        var run = await _api.PostAsync("/api/v1/jobs/adhoc/trigger", """{ "body": { "full": true } }""");

        Assert.Equal(HttpStatusCode.Created, run.Status);
        Assert.Equal("manual", run.Json["origin"]!.GetValue<string>());
        Assert.Equal("pending", run.Json["state"]!.GetValue<string>());
        Assert.Equal("adhoc/2026-03-02T08:00:00Z", run.Json["idempotency_key"]!.GetValue<string>());
        Assert.Equal("on_demand", (await _api.GetAsync("/api/v1/jobs/adhoc")).Json["state"]!.GetValue<string>());

        var second = await _api.PostAsync("/api/v1/jobs/adhoc/trigger", null);
        Assert.Equal("skipped", second.Json["state"]!.GetValue<string>()); // overlap forbid: the first is still pending
        Assert.Contains("overlap forbid", second.Json["reason"]!.GetValue<string>());

        (await _api.PostAsync("/api/v1/jobs/nope/trigger", null)).Problem(HttpStatusCode.NotFound);
        Assert.Equal(["colour"], (await _api.PostAsync("/api/v1/jobs/adhoc/trigger", """{ "colour": 1 }""")).ErrorFields());
    }

    [Fact]
    public async Task List_PagesByName()
    {
        foreach (var name in new[] { "c", "a", "b" })
        {
            await _api.PostAsync("/api/v1/jobs", $$"""{ "name": "{{name}}", "target": { "url": "https://example.test/" } }""");
        }

        var first = (await _api.GetAsync("/api/v1/jobs?limit=2")).Json;
        Assert.Equal(["a", "b"], first["items"]!.AsArray().Select(j => j!["name"]!.GetValue<string>()));
        Assert.Equal("b", first["next_cursor"]!.GetValue<string>());
        var second = (await _api.GetAsync("/api/v1/jobs?limit=2&after=b")).Json;
        Assert.Equal(["c"], second["items"]!.AsArray().Select(j => j!["name"]!.GetValue<string>()));
        Assert.Null(second["next_cursor"]);
    }
}
