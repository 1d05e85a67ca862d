using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Commands;

public sealed class PlanOutageCommandTests
{
    private const string Forecast = """
        {
          "from": "2026-11-01T10:30:00Z", "to": "2026-11-01T15:30:00Z", "attempt_duration": "2s",
          "fires": 10, "runs": 6, "jobs_affected": 3,
          "jobs": [
            { "job": "all", "gate": "billing", "fires": 5, "runs": 5, "skipped": 0 },
            { "job": "latest", "gate": "host:other.test", "fires": 5, "runs": 1, "skipped": 4 }
          ],
          "gates": [
            { "gate": "billing", "rate": "1/s", "burst": 1, "concurrency": null, "adaptive": false, "runs": 5, "drain": "4s", "drain_seconds": 4.0 },
            { "gate": "host:other.test", "rate": "10000/s", "burst": 1000, "concurrency": 100, "adaptive": true, "runs": 1, "drain": "0s", "drain_seconds": 0.0 }
          ]
        }
        """;

    [Fact]
    public async Task PlanOutage_AsksForTheWindow_AndPrintsJobsAndGates()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/outage-forecast", 200, Forecast));

        var result = await CliRun.AgainstAsync(
            server, "plan-outage", "--from", "2026-11-01T10:30:00Z", "--to", "2026-11-01T15:30:00Z", "--attempt-duration", "2s", "--top", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "/api/v1/outage-forecast?from=2026-11-01T10%3A30%3A00.000Z&to=2026-11-01T15%3A30%3A00.000Z&attempt_duration=2s&limit=2",
            server.Requests.Single().PathAndQuery);
        Assert.Equal(
            "An outage from 2026-11-01T10:30:00Z to 2026-11-01T15:30:00Z misses 10 fires of 3 jobs; on restart they create 6 runs (4 recorded skipped by catch-up or overlap).",
            result.OutLines[0]);
        Assert.Contains(result.OutLines, l => l.StartsWith("latest", StringComparison.Ordinal) && l.Contains("host:other.test", StringComparison.Ordinal));
        Assert.Contains("… and 1 more jobs (--top N shows more).", result.OutLines);
        Assert.Contains(result.OutLines, l => l.StartsWith("billing", StringComparison.Ordinal) && l.TrimEnd().EndsWith("4s", StringComparison.Ordinal));
        Assert.Equal("Drain times assume attempts of 2s that succeed (--attempt-duration changes it).", result.OutLines[^1]);
    }

    [Fact]
    public async Task PlanOutage_SaysHowManyRunsThePastOutageLeftWaiting()
    {
        var forecast = Forecast.Replace("\"runs\": 6,", "\"runs\": 6, \"waiting_at_start\": 3,", StringComparison.Ordinal);
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/outage-forecast", 200, forecast));

        var result = await CliRun.AgainstAsync(server, "plan-outage", "--from", "2026-11-01T10:30:00Z", "--to", "2026-11-01T15:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("3 runs active when it began are left waiting and released with them.", result.OutLines[1]);
    }

    [Fact]
    public async Task BadInstant_IsAUsageError_AndSendsNothing()
    {
        await using var server = await StubServer.StartAsync(_ => { });

        var result = await CliRun.AgainstAsync(server, "plan-outage", "--from", "tonight", "--to", "2026-11-01T15:30:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --from: ", result.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
