using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Commands;

/// <summary>The client commands against a stub server: what they send, what they print, how they fail.</summary>
public sealed class ClientCommandsTests
{
    [Fact]
    public async Task Jobs_FollowsTheCursorToListEveryJob()
    {
        await using var server = await StubServer.StartAsync(r => r
            .Json("GET /api/v1/jobs", 200, Payloads.Page("b", Payloads.Job("a", "\"every\": \"15m\""), Payloads.Job("b", "\"at\": \"2026-12-01T09:00:00Z\"")))
            .Json("GET /api/v1/jobs?after=b", 200, Payloads.Page(null, Payloads.Nightly)));

        var result = await CliRun.AgainstAsync(server, "jobs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["/api/v1/jobs", "/api/v1/jobs?after=b"], server.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(4, result.OutLines.Length);
    }

    [Fact]
    public async Task JobsShow_PrintsStateAndDefinition()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs/nightly", 200, Payloads.Nightly));

        var result = await CliRun.AgainstAsync(server, "jobs", "show", "nightly");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Job nightly", result.OutLines[0]);
        Assert.Contains(result.OutLines, l => l.StartsWith("  Next fire:", StringComparison.Ordinal) && l.EndsWith("2026-11-24T02:00:00Z", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("  Last run:", StringComparison.Ordinal) && l.Contains("42: succeeded", StringComparison.Ordinal));
        Assert.Contains("Definition:", result.OutLines);
        Assert.Contains("    \"schedule\": \"0 2 * * *\",", result.OutLines);
        Assert.DoesNotContain(result.OutLines, l => l.Contains("\"runs_counted\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobsShow_ACommandJob_PrintsTheCommand_AndItsJsonIsTheServersTarget()
    {
        var job = Payloads.Nightly.Replace(
            @"""target"": { ""method"": ""POST"", ""url"": ""https://example.test/nightly"", ""headers"": {}, ""body"": {""k"": 1} }",
            @"""target"": { ""command"": [""/usr/local/bin/backup"", ""--dir"", ""/srv/my data""], ""env"": {}, ""permanent_exit_codes"": [] }",
            StringComparison.Ordinal);
        Assert.NotEqual(Payloads.Nightly, job);
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs/nightly", 200, job));

        var text = await CliRun.AgainstAsync(server, "jobs", "show", "nightly");
        var json = await CliRun.AgainstAsync(server, "jobs", "show", "nightly", "--output", "json");

        Assert.Contains(text.OutLines, l => l.StartsWith("  Target:", StringComparison.Ordinal) && l.EndsWith("command: /usr/local/bin/backup --dir \"/srv/my data\"", StringComparison.Ordinal));
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        var target = document.RootElement.GetProperty("target");
        Assert.Equal(["command", "env", "permanent_exit_codes"], target.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task JobsShow_UnknownJob_IsExitFive()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs/ghost", 404, Payloads.Problem(404, "not-found", "Not found", "no job named 'ghost'")));

        var result = await CliRun.AgainstAsync(server, "jobs", "show", "ghost");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("error: no job named 'ghost' (404 not found)", result.ErrorLines.Single());
    }

    [Fact]
    public async Task JobsDelete_SaysSo()
    {
        await using var server = await StubServer.StartAsync(r => r.NoContent("DELETE /api/v1/jobs/old"));

        var result = await CliRun.AgainstAsync(server, "jobs", "delete", "old");

        Assert.Equal((0, "Deleted job old."), (result.ExitCode, result.OutLines.Single()));
    }

    [Fact]
    public async Task JobNames_AreEscapedInThePath()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs/a%20b", 200, Payloads.Nightly));

        await CliRun.AgainstAsync(server, "jobs", "show", "a b");

        Assert.Equal("/api/v1/jobs/a%20b", server.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Runs_PassesFiltersAndHintsAtTheNextPage()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/runs", 200, Payloads.Page("41", Payloads.SucceededRun)));

        var result = await CliRun.AgainstAsync(server, "runs", "--job", "nightly", "--state", "succeeded", "--limit", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/api/v1/runs?job=nightly&state=succeeded&limit=1", server.Requests.Single().PathAndQuery);
        Assert.Equal("More runs: add --cursor 41", result.ErrorLines.Single());
    }

    [Fact]
    public async Task Runs_AcceptsANumericCursor()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/runs", 200, """{ "items": [], "next_cursor": 41 }"""));

        var result = await CliRun.AgainstAsync(server, "runs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("More runs: add --cursor 41", result.ErrorLines.Single());
    }

    [Fact]
    public async Task RunsShow_PrintsTheRunAndItsAttempts()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/runs/42", 200, Payloads.RunWithAttempts));

        var result = await CliRun.AgainstAsync(server, "runs", "show", "42");

        Assert.Equal("Run 42", result.OutLines[0]);
        Assert.Contains(result.OutLines, l => l.StartsWith("  Idempotency key:", StringComparison.Ordinal) && l.EndsWith("nightly/2026-11-23T02:00:00Z", StringComparison.Ordinal));
        Assert.Contains("Attempts:", result.OutLines);
        var attemptHeader = Array.IndexOf(result.OutLines, "Attempts:") + 1;
        Assert.StartsWith("#  NODE", result.OutLines[attemptHeader], StringComparison.Ordinal);
        Assert.Equal("1  node-a  2026-11-23T02:00:00.120Z  153ms     succeeded  200     -", result.OutLines[attemptHeader + 1]);
    }

    [Theory]
    [InlineData("retry", "Run 43 (job invoices): dead: HTTP 500")]
    [InlineData("cancel", "Run 43 (job invoices): dead: HTTP 500")]
    public async Task RunsActions_PrintTheRun(string action, string expectedStart)
    {
        await using var server = await StubServer.StartAsync(r => r.Json($"POST /api/v1/runs/43/{action}", 200, Payloads.DeadRun));

        var result = await CliRun.AgainstAsync(server, "runs", action, "43");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(expectedStart, result.OutLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsRetry_OfARunThatCannotBeRetried_IsExitOne()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/runs/42/retry", 409, Payloads.Problem(409, "conflict", "Conflict", "run 42 is succeeded; only dead or cancelled runs can be retried")));

        var result = await CliRun.AgainstAsync(server, "runs", "retry", "42");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: run 42 is succeeded; only dead or cancelled runs can be retried (409 conflict)", result.ErrorLines.Single());
    }

    [Fact]
    public async Task Trigger_SendsTheBodyOverride_AndPrintsTheRun()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/jobs/nightly/trigger", 201, Payloads.SucceededRun));

        var result = await CliRun.AgainstAsync(server, "trigger", "nightly", "--body", """{"full": true}""");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Run 42 (job nightly): succeeded, due 2026-11-23T02:00:00Z", result.OutLines.Single());
        Assert.Equal("""{"body":{"full":true}}""", server.Requests.Single().Body);
    }

    [Fact]
    public async Task Trigger_WithoutBody_SendsAnEmptyObject()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/jobs/nightly/trigger", 201, Payloads.SkippedRun));

        var result = await CliRun.AgainstAsync(server, "trigger", "nightly");

        Assert.Equal("{}", server.Requests.Single().Body);
        Assert.Equal("Run 45 (job nightly): skipped: overlap: run 41 is still running", result.OutLines.Single());
    }

    [Fact]
    public async Task PauseAndResume_PrintTheNewState()
    {
        await using var server = await StubServer.StartAsync(r => r
            .Json("POST /api/v1/jobs/nightly/pause", 200, Payloads.Job("nightly", "\"schedule\": \"0 2 * * *\"", state: "paused"))
            .Json("POST /api/v1/jobs/nightly/resume", 200, Payloads.Nightly));

        var paused = await CliRun.AgainstAsync(server, "pause", "nightly");
        var resumed = await CliRun.AgainstAsync(server, "resume", "nightly");

        Assert.Equal("Job nightly: paused", paused.OutLines.Single());
        Assert.Equal("Job nightly: active, next fire 2026-11-24T02:00:00Z", resumed.OutLines.Single());
    }

    [Fact]
    public async Task KeysCreate_PrintsTheSecretAloneOnStdout()
    {
        const string created = """{ "id": 7, "name": "ci", "prefix": "pk_ab12", "scope": "write", "created_at": "2026-11-23T09:00:00Z", "revoked_at": null, "key": "pk_ab12cd34ef56" }""";
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/keys", 201, created));

        var result = await CliRun.AgainstAsync(server, "keys", "create", "--scope", "write", "--name", "ci");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pk_ab12cd34ef56", result.OutLines.Single());
        Assert.Contains("cannot be shown again", result.Error, StringComparison.Ordinal);
        Assert.Equal("""{"scope":"write","name":"ci"}""", server.Requests.Single().Body);
    }

    [Fact]
    public async Task KeysListAndRevoke()
    {
        const string keys = """{ "items": [ { "id": 1, "name": "bootstrap", "prefix": "pk_0001", "scope": "admin", "created_at": "2026-11-01T00:00:00Z", "revoked_at": null } ] }""";
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/keys", 200, keys).NoContent("DELETE /api/v1/keys/1"));

        var list = await CliRun.AgainstAsync(server, "keys", "list");
        var revoke = await CliRun.AgainstAsync(server, "keys", "revoke", "1");

        Assert.Equal(["ID  NAME       PREFIX   SCOPE  CREATED               REVOKED", "1   bootstrap  pk_0001  admin  2026-11-01T00:00:00Z  -"], list.OutLines);
        Assert.Equal("Revoked key 1.", revoke.OutLines.Single());
    }

    [Theory]
    [InlineData(401, "unauthorized", 4)]
    [InlineData(403, "forbidden", 4)]
    public async Task AuthFailures_AreExitFour(int status, string type, int code)
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/keys", status, Payloads.Problem(status, type, type, "the key may not do this")));

        var result = await CliRun.AgainstAsync(server, "keys", "list");

        Assert.Equal(code, result.ExitCode);
        Assert.Equal($"error: the key may not do this ({status} {type})", result.ErrorLines[0]);
    }

    [Fact]
    public async Task ServerErrorThatIsNotAProblem_IsStillReportedClearly()
    {
        await using var server = await StubServer.StartAsync(r => r.Raw("GET /api/v1/jobs", 502, "text/html", "<html>Bad gateway</html>"));

        var result = await CliRun.AgainstAsync(server, "jobs");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: <html>Bad gateway</html> (502 server error)", result.ErrorLines.Single());
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOut_AsExitThree()
    {
        await using var server = await StubServer.StartAsync(r => r.Hang("GET /api/v1/jobs"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var run = CliRun.RunAsync(TestEnvironment.Empty, clock, "jobs", "--url", server.Url.ToString(), "--key", "k", "--timeout", "5s");
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await run;

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"error: cannot reach Punctual at {server.Url.AbsoluteUri.TrimEnd('/')}: no answer within 5s", result.ErrorLines[0]);
    }
}
