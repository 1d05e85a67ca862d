using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Commands;

/// <summary><c>punctual backfill</c> against a stub server: what it sends, what it prints, how it ends.</summary>
public sealed class BackfillCommandTests
{
    private const string Created = """
        { "job": "sync", "from": "2026-11-01T00:00:00Z", "to": "2026-11-01T05:00:00Z", "dry_run": false, "fires": 6, "created": 4, "existing": 2 }
        """;

    private static string Progress(int succeeded, int dead, int waiting, bool done) => $$"""
        { "job": "sync", "from": "2026-11-01T00:00:00Z", "to": "2026-11-01T05:00:00Z", "fires": 6, "waiting": {{waiting}}, "running": 0,
          "succeeded": {{succeeded}}, "dead": {{dead}}, "skipped": 0, "cancelled": 0, "done": {{(done ? "true" : "false")}} }
        """;

    [Fact]
    public async Task Backfill_CreatesTheRange_ThenFollowsItUntilEverythingSettled()
    {
        await using var server = await StubServer.StartAsync(r => r
            .Json("POST /api/v1/jobs/sync/backfill", 200, Created)
            .Json("GET /api/v1/jobs/sync/backfill", 200, Progress(6, 0, 0, done: true)));

        var result = await CliRun.AgainstAsync(server, "backfill", "sync", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-01T05:00:00+00:00");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """{"from":"2026-11-01T00:00:00.000Z","to":"2026-11-01T05:00:00.000Z","dry_run":false}""",
            server.Requests[0].Body);
        Assert.Equal(
            "/api/v1/jobs/sync/backfill?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-01T05%3A00%3A00.000Z",
            server.Requests[1].PathAndQuery);
        Assert.Equal("Backfill of sync over 2026-11-01T00:00:00Z .. 2026-11-01T05:00:00Z: 6 fires, 4 created; 2 already had a run.", result.OutLines[0]);
        Assert.StartsWith("Done in ", result.OutLines[1], StringComparison.Ordinal);
        Assert.EndsWith("6 succeeded, 0 dead, 0 skipped, 0 cancelled.", result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal("[##############################] 100% 6/6 settled · 0 running · 0 waiting", result.ErrorLines.Single());
    }

    [Fact]
    public async Task Backfill_WithDeadRuns_ExitsOne()
    {
        await using var server = await StubServer.StartAsync(r => r
            .Json("POST /api/v1/jobs/sync/backfill", 200, Created)
            .Json("GET /api/v1/jobs/sync/backfill", 200, Progress(5, 1, 0, done: true)));

        var result = await CliRun.AgainstAsync(server, "backfill", "sync", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-01T05:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("· 1 dead", result.ErrorLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_OnlyCounts_AndDoesNotFollow()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/jobs/sync/backfill", 200, Created.Replace("\"dry_run\": false", "\"dry_run\": true", StringComparison.Ordinal)));

        var result = await CliRun.AgainstAsync(server, "backfill", "sync", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-01T05:00:00Z", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"dry_run\":true", server.Requests.Single().Body, StringComparison.Ordinal);
        Assert.Equal("Dry run: backfilling sync over 2026-11-01T00:00:00Z .. 2026-11-01T05:00:00Z would create 4 of 6 fires; 2 already had a run.", result.OutLines.Single());
    }

    [Theory]
    [InlineData("--from", "yesterday")]
    [InlineData("--to", "2026-11-01T05:00:00")]
    public async Task BadInstants_AreUsageErrors_AndSendNothing(string option, string value)
    {
        await using var server = await StubServer.StartAsync(_ => { });
        string[] args = ["backfill", "sync", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-01T05:00:00Z"];
        args[Array.IndexOf(args, option) + 1] = value;

        var result = await CliRun.AgainstAsync(server, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {option}: ", result.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task MissingRange_IsAUsageError()
    {
        var result = await CliRun.RunAsync("backfill", "sync", "--url", "http://127.0.0.1:9", "--key", "pk_test");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.Contains("--from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedRange_ShowsTheServersFieldError_ExitOne()
    {
        await using var server = await StubServer.StartAsync(r => r.Json(
            "POST /api/v1/jobs/sync/backfill",
            422,
            """{ "type": "https://punctual.dev/problems/invalid", "title": "Invalid request", "status": 422, "errors": { "to": ["'to' is in the future"] } }"""));

        var result = await CliRun.AgainstAsync(server, "backfill", "sync", "--from", "2026-11-01T00:00:00Z", "--to", "2036-11-01T05:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.Contains("is in the future", StringComparison.Ordinal));
    }
}
