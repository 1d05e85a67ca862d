using System.Net;

namespace Punctual.Server.Tests.Features;

/// <summary>The harness's clock reads 2026-03-02T08:00Z; the job fires hourly.</summary>
public sealed class BackfillApiTests : IAsyncLifetime
{
    private const string Range = """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-01T05:00:00Z" }""";
    private const string Progress = "/api/v1/jobs/hourly/backfill?from=2026-03-01T00:00:00Z&to=2026-03-01T05:00:00Z";

    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        var created = await _api.PostAsync("/api/v1/jobs", """{ "name": "hourly", "schedule": "0 * * * *", "target": { "url": "https://x.test/" } }""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Backfill_CreatesTheRangesFires_OnceOnly_AndProgressCountsThem()
    {
        var dry = (await _api.PostAsync("/api/v1/jobs/hourly/backfill", """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-01T05:00:00Z", "dry_run": true }""")).Json;
        var afterDry = (await _api.GetAsync(Progress)).Json;
        var first = await _api.PostAsync("/api/v1/jobs/hourly/backfill", Range);
        var again = (await _api.PostAsync("/api/v1/jobs/hourly/backfill", Range)).Json;
        var progress = (await _api.GetAsync(Progress)).Json;

        Assert.Equal((6, 6, true), (dry["fires"]!.GetValue<int>(), dry["created"]!.GetValue<int>(), dry["dry_run"]!.GetValue<bool>()));
        Assert.Equal(0, afterDry["fires"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((6, 6, 0), (first.Json["fires"]!.GetValue<int>(), first.Json["created"]!.GetValue<int>(), first.Json["existing"]!.GetValue<int>()));
        Assert.Equal((6, 0, 6), (again["fires"]!.GetValue<int>(), again["created"]!.GetValue<int>(), again["existing"]!.GetValue<int>()));
        Assert.Equal((6, 6, false), (progress["fires"]!.GetValue<int>(), progress["waiting"]!.GetValue<int>(), progress["done"]!.GetValue<bool>()));
        var runs = (await _api.GetAsync("/api/v1/runs?job=hourly")).Json["items"]!.AsArray();
        Assert.Equal(6, runs.Count);
        Assert.All(runs, run => Assert.Equal("backfill", run!["origin"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{ "to": "2026-03-01T05:00:00Z" }""", "from")]
    [InlineData("""{ "from": "2026-03-01T00:00:00Z" }""", "to")]
    [InlineData("""{ "from": "yesterday", "to": "2026-03-01T05:00:00Z" }""", "from")]
    [InlineData("""{ "from": "2026-03-01T00:00:00", "to": "2026-03-01T05:00:00Z" }""", "from")]
    [InlineData("""{ "from": 3, "to": "2026-03-01T05:00:00Z" }""", "from")]
    [InlineData("""{ "from": "2026-03-01T05:00:00Z", "to": "2026-03-01T00:00:00Z" }""", "to")]
    [InlineData("""{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-03T00:00:00Z" }""", "to")]
    [InlineData("""{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-01T05:00:00Z", "dry_run": "yes" }""", "dry_run")]
    [InlineData("""{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-01T05:00:00Z", "gate": "g" }""", "gate")]
    [InlineData("""{ "from": "2000-01-01T00:00:00Z", "to": "2026-03-01T05:00:00Z" }""", "from")]
    public async Task BadRanges_Are422NamingTheField_AndCreateNothing(string body, string field)
    {
        Assert.Equal([field], (await _api.PostAsync("/api/v1/jobs/hourly/backfill", body)).ErrorFields());
        Assert.Equal(0, (await _api.GetAsync(Progress)).Json["fires"]!.GetValue<int>());
    }

    [Fact]
    public async Task Backfill_OfAnUnknownOrOnDemandJob_IsRefused()
    {
        await _api.PostAsync("/api/v1/jobs", """{ "name": "manual", "target": { "url": "https://x.test/" } }""");

        (await _api.PostAsync("/api/v1/jobs/missing/backfill", Range)).Problem(HttpStatusCode.NotFound);
        var onDemand = (await _api.PostAsync("/api/v1/jobs/manual/backfill", Range)).Problem(HttpStatusCode.Conflict);
        (await _api.PostAsync("/api/v1/jobs/hourly/backfill", "not json")).Problem(HttpStatusCode.BadRequest);
        (await _api.GetAsync("/api/v1/jobs/missing/backfill?from=2026-03-01T00:00:00Z&to=2026-03-01T05:00:00Z")).Problem(HttpStatusCode.NotFound);

        Assert.Contains("on demand", onDemand["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_NeedsAValidRange()
    {
        Assert.Equal(["from", "to"], (await _api.GetAsync("/api/v1/jobs/hourly/backfill")).ErrorFields());
        Assert.Equal(["to"], (await _api.GetAsync("/api/v1/jobs/hourly/backfill?from=2026-03-01T05:00:00Z&to=2026-03-01T00:00:00Z")).ErrorFields());
    }

    [Fact]
    public async Task Backfill_NeedsTheWriteScope_ProgressOnlyRead()
    {
        var reader = await _api.CreateKeyAsync("read");

        (await _api.PostAsync("/api/v1/jobs/hourly/backfill", Range, reader)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync(Progress, reader)).Status);
    }
}
