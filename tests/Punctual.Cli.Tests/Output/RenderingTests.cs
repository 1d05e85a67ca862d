using System.Text.Json;
using Punctual.Cli.Output;
using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Output;

/// <summary>How listings and details print, from payloads shaped like docs/api.md.</summary>
public sealed class RenderingTests
{
    private static bool SameJson(string expected, string actual) =>
        JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(actual).RootElement);

    [Fact]
    public async Task JobsTable_ShowsScheduleStateNextFireAndLastRun()
    {
        var jobs = Payloads.Page(
            null,
            Payloads.Job("invoices", "\"schedule\": \"0 9 * * *\"", timezone: "Europe/Paris", lastRun: Payloads.DeadRun),
            Payloads.Job("nightly", "\"schedule\": \"0 2 * * *\""),
            Payloads.Job("poll", "\"every\": \"15m\"", state: "paused", lastRun: null),
            Payloads.Job("once", "\"at\": \"2026-12-01T09:00:00Z\"", state: "finished", lastRun: null),
            Payloads.Job("manual", "\"description\": \"by hand\"", state: "on_demand", lastRun: null));
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs", 200, jobs));

        var result = await CliRun.AgainstAsync(server, "jobs");

        Assert.Equal(
            [
                "NAME      SCHEDULE                  STATE      NEXT FIRE             LAST RUN",
                "invoices  0 9 * * * (Europe/Paris)  active     2026-11-24T02:00:00Z  dead 2026-11-23T09:12:30Z",
                "nightly   0 2 * * *                 active     2026-11-24T02:00:00Z  succeeded 2026-11-23T02:00:00.273Z",
                "poll      every 15m                 paused     -                     -",
                "once      at 2026-12-01T09:00:00Z   finished   -                     -",
                "manual    on demand                 on_demand  -                     -",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task RunsTable_ShowsOneLinePerRun_WithTruncatedReasons()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/runs", 200, Payloads.Page(null, Payloads.TaskRun, Payloads.DeadRun, Payloads.SucceededRun)));

        var result = await CliRun.AgainstAsync(server, "runs");

        Assert.Equal(
            [
                "ID  JOB       STATE      SCHEDULED FOR         ATTEMPTS  DURATION  REASON/ERROR",
                "44  report-7  pending    2026-11-23T14:05:00Z  0         -         -",
                "43  invoices  dead       2026-11-23T09:00:00Z  5         12m30s    HTTP 500 from https://billing.internal/tasks/invoices: upst…",
                "42  nightly   succeeded  2026-11-23T02:00:00Z  1         153ms     -",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task EmptyListings_SaySo()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs", 200, Payloads.Page(null)).Json("GET /api/v1/runs", 200, Payloads.Page(null)));

        Assert.Equal("No jobs.", (await CliRun.AgainstAsync(server, "jobs")).OutLines.Single());
        Assert.Equal("No runs.", (await CliRun.AgainstAsync(server, "runs")).OutLines.Single());
    }

    [Fact]
    public async Task JobsJson_IsEveryJobAsTheApiSentIt()
    {
        await using var server = await StubServer.StartAsync(r => r
            .Json("GET /api/v1/jobs", 200, Payloads.Page("nightly", Payloads.Nightly))
            .Json("GET /api/v1/jobs?after=nightly", 200, Payloads.Page(null, Payloads.Job("poll", "\"every\": \"15m\"", state: "paused", lastRun: null))));

        var result = await CliRun.AgainstAsync(server, "jobs", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(SameJson(Payloads.Page(null, Payloads.Nightly, Payloads.Job("poll", "\"every\": \"15m\"", state: "paused", lastRun: null)), result.Out), result.Out);
        Assert.Contains("\n  \"items\": [", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsJson_IsThePageAsTheApiSentIt()
    {
        var page = Payloads.Page("41", Payloads.SucceededRun, Payloads.DeadRun, Payloads.TaskRun);
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/runs", 200, page));

        var result = await CliRun.AgainstAsync(server, "runs", "-o", "json");

        Assert.True(SameJson(page, result.Out), result.Out);
    }

    [Fact]
    public async Task RunShowJson_KeepsAttemptsAndUnknownMembers()
    {
        var run = Payloads.RunWithAttempts.TrimEnd().TrimEnd('}') + """, "progress": { "done": 3, "total": 10 } }""";
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/runs/42", 200, run));

        var result = await CliRun.AgainstAsync(server, "runs", "show", "42", "--output", "json");

        Assert.True(SameJson(run, result.Out), result.Out);
    }

    [Fact]
    public async Task JobShowJson_IsTheJobAsTheApiSentIt()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs/nightly", 200, Payloads.Nightly));

        var result = await CliRun.AgainstAsync(server, "jobs", "show", "nightly", "--output", "json");

        Assert.True(SameJson(Payloads.Nightly, result.Out), result.Out);
    }

    [Fact]
    public void TextTable_PadsColumnsToTheWidestCell_WithoutTrailingBlanks()
    {
        var table = new TextTable("A", "LONG HEADER", "C");
        table.Add("wide cell", "x", "");
        using var output = new StringWriter();

        table.Write(output);

        Assert.Equal($"A          LONG HEADER  C{Environment.NewLine}wide cell  x{Environment.NewLine}", output.ToString());
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData(0L, "0ms")]
    [InlineData(153L, "153ms")]
    [InlineData(2_500L, "2.5s")]
    [InlineData(59_999L, "60s")]
    [InlineData(65_000L, "1m5s")]
    [InlineData(5_400_000L, "1h30m")]
    public void Durations_ReadShort(long? milliseconds, string text) => Assert.Equal(text, Display.Duration(milliseconds));

    [Fact]
    public void Truncate_KeepsOneLine() => Assert.Equal("a b c", Display.Truncate("a\nb\r\n\tc", 60));
}
