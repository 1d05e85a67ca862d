using System.Net;
using System.Text.Json.Nodes;

namespace Punctual.Server.Tests.Features;

/// <summary>The harness's clock reads 2026-03-02T08:00Z.</summary>
public sealed class OutageForecastApiTests : IAsyncLifetime
{
    private const string Window = "from=2026-03-02T10:30:00Z&to=2026-03-02T15:30:00Z";

    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHarness.StartAsync();
        await _api.PostAsync("/api/v1/apply", """
            {
              "gates": { "billing": { "rate": "1/s", "burst": 1 } },
              "jobs": {
                "all": { "schedule": "0 * * * *", "catch_up": "all", "gate": "billing", "target": { "url": "https://billing.test/a" } },
                "latest": { "schedule": "0 * * * *", "target": { "url": "https://other.test/b" } },
                "paused": { "schedule": "* * * * *", "catch_up": "all", "target": { "url": "https://other.test/c" } },
                "nightly": { "schedule": "0 2 * * *", "target": { "url": "https://other.test/d" } },
                "manual": { "target": { "url": "https://other.test/e" } }
              }
            }
            """);
        await _api.PostAsync("/api/v1/jobs/paused/pause", null);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Forecast_PerJobAndPerGate_FromTheStoredJobsAndGates()
    {
        var response = await _api.GetAsync($"/api/v1/outage-forecast?{Window}&attempt_duration=2s");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal((10, 6, 2), (json["fires"]!.GetValue<int>(), json["runs"]!.GetValue<int>(), json["jobs_affected"]!.GetValue<int>()));
        var jobs = json["jobs"]!.AsArray();
        Assert.Equal(["all", "latest"], jobs.Select(j => j!["job"]!.GetValue<string>()));
        Assert.Equal((5, 5, 0), (jobs[0]!["fires"]!.GetValue<int>(), jobs[0]!["runs"]!.GetValue<int>(), jobs[0]!["skipped"]!.GetValue<int>()));
        Assert.Equal((5, 1, 4), (jobs[1]!["fires"]!.GetValue<int>(), jobs[1]!["runs"]!.GetValue<int>(), jobs[1]!["skipped"]!.GetValue<int>()));
        var gates = json["gates"]!.AsArray();
        var billing = Assert.Single(gates, g => g!["gate"]!.GetValue<string>() == "billing")!;
        Assert.Equal((5, "4s", 4.0), (billing["runs"]!.GetValue<int>(), billing["drain"]!.GetValue<string>(), billing["drain_seconds"]!.GetValue<double>()));
        var host = Assert.Single(gates, g => g!["gate"]!.GetValue<string>() == "host:other.test")!;
        Assert.Equal(("10000/s", 1), (host["rate"]!.GetValue<string>(), host["runs"]!.GetValue<int>()));
    }

    [Fact]
    public async Task APastWindow_CountsTheRunsLeftActiveAtItsStart()
    {
        // A run of 'latest' is waiting since 08:00; the outage (10:30-15:00) is over by 16:00, so the forecast reads it
        // back from the history: the on-time 15:00 fire is skipped behind it (overlap forbid), and it queues at its gate.
        Assert.Equal(HttpStatusCode.Created, (await _api.PostAsync("/api/v1/jobs/latest/trigger", null)).Status);
        var future = (await _api.GetAsync("/api/v1/outage-forecast?from=2026-03-02T10:30:00Z&to=2026-03-02T15:00:00Z")).Json;
        _api.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero));

        var past = (await _api.GetAsync("/api/v1/outage-forecast?from=2026-03-02T10:30:00Z&to=2026-03-02T15:00:00Z")).Json;

        Assert.Equal((0, 1), (future["waiting_at_start"]!.GetValue<int>(), Job(future, "latest")["runs"]!.GetValue<int>()));
        Assert.Equal((1, 0, 1), (past["waiting_at_start"]!.GetValue<int>(), Job(past, "latest")["runs"]!.GetValue<int>(), Job(past, "latest")["waiting_at_start"]!.GetValue<int>()));
        var host = Assert.Single(past["gates"]!.AsArray(), g => g!["gate"]!.GetValue<string>() == "host:other.test")!;
        Assert.Equal(1, host["runs"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("to=2026-03-02T15:30:00Z", "from")]
    [InlineData("from=2026-03-02T10:30:00Z", "to")]
    [InlineData("from=soon&to=2026-03-02T15:30:00Z", "from")]
    [InlineData("from=2026-03-02T15:30:00Z&to=2026-03-02T10:30:00Z", "to")]
    [InlineData("from=2026-03-02T10:30:00Z&to=2028-03-02T10:30:00Z", "to")]
    [InlineData("from=2026-03-02T10:30:00Z&to=2026-03-02T15:30:00Z&attempt_duration=fast", "attempt_duration")]
    [InlineData("from=2026-03-02T10:30:00Z&to=2026-03-02T15:30:00Z&attempt_duration=2h", "attempt_duration")]
    public async Task BadWindows_Are422NamingTheField(string query, string field)
    {
        Assert.Equal([field], (await _api.GetAsync($"/api/v1/outage-forecast?{query}")).ErrorFields());
    }

    [Fact]
    public async Task Limit_CutsTheJobListButNotTheTotals()
    {
        var json = (await _api.GetAsync($"/api/v1/outage-forecast?{Window}&limit=1")).Json;

        Assert.Single(json["jobs"]!.AsArray());
        Assert.Equal((6, 2), (json["runs"]!.GetValue<int>(), json["jobs_affected"]!.GetValue<int>()));
        (await _api.GetAsync($"/api/v1/outage-forecast?{Window}&limit=0")).Problem(HttpStatusCode.BadRequest);
    }

    private static JsonNode Job(JsonNode forecast, string name) =>
        forecast["jobs"]!.AsArray().Single(j => j!["job"]!.GetValue<string>() == name)!;
}
