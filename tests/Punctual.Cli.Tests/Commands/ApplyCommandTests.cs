using System.Text.Json;
using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Commands;

public sealed class ApplyCommandTests : IDisposable
{
    private const string Plan = """
        {
          "dry_run": false, "applied": true,
          "changes": [
            { "kind": "job", "name": "nightly", "action": "create", "fields": [] },
            { "kind": "job", "name": "invoices", "action": "update", "fields": ["schedule", "timeout"] },
            { "kind": "job", "name": "old", "action": "delete", "fields": [] },
            { "kind": "job", "name": "sync", "action": "unchanged", "fields": [] }
          ],
          "summary": { "create": 1, "update": 1, "delete": 1, "unchanged": 1 }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("punctual-apply-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Config(string yaml)
    {
        var path = Path.Combine(_directory, "punctual.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Apply_PrintsThePlanAndApplied()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/apply", 200, Plan));

        var result = await CliRun.AgainstAsync(server, "apply", "-f", Config("jobs:\n  nightly: { schedule: \"0 2 * * *\" }\n"), "--prune");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "+ create  job nightly",
                "~ update  job invoices (schedule, timeout)",
                "- delete  job old",
                "= unchanged job sync",
                "Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged.",
                "Applied.",
            ],
            result.OutLines);
        Assert.Equal("/api/v1/apply?dry_run=false&prune=true", server.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Apply_SendsTheYamlAsFaithfulJson()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/apply", 200, Plan));

        await CliRun.AgainstAsync(server, "apply", "-f", Config("jobs:\n  nightly:\n    timeout: 30s\n    retry: { attempts: 5 }\n    description: \"5\"\n"));

        var sent = JsonDocument.Parse(server.Requests.Single().Body).RootElement.GetProperty("jobs").GetProperty("nightly");
        Assert.Equal("30s", sent.GetProperty("timeout").GetString());
        Assert.Equal(5, sent.GetProperty("retry").GetProperty("attempts").GetInt32());
        Assert.Equal("5", sent.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ApplyDryRun_SaysNothingWasApplied()
    {
        var dryPlan = """{ "dry_run": true, "applied": false, "changes": [ { "kind": "job", "name": "nightly", "action": "create", "fields": [] } ], "summary": { "create": 1, "update": 0, "delete": 0, "unchanged": 0 } }""";
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/apply", 200, dryPlan));

        var result = await CliRun.AgainstAsync(server, "apply", "-f", Config("jobs: {}\n"), "--dry-run");

        Assert.Equal(["+ create  job nightly", "Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged.", "Dry run: nothing applied."], result.OutLines);
        Assert.Equal("/api/v1/apply?dry_run=true&prune=false", server.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task ApplyRejected_PrintsEveryFieldError_AndExitsOne()
    {
        var problem = Payloads.Problem(
            422, "invalid-input", "The request is invalid", "2 problems",
            ("jobs.nightly.retry.attempts", "must be between 1 and 100, got 0"),
            ("jobs.broken.schedule", "'61 * * * *' is not a valid cron expression: minute out of range"));
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/apply", 422, problem));

        var result = await CliRun.AgainstAsync(server, "apply", "-f", Config("jobs: {}\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal(
            [
                "error: jobs.nightly.retry.attempts: must be between 1 and 100, got 0",
                "error: jobs.broken.schedule: '61 * * * *' is not a valid cron expression: minute out of range",
                "error: nothing was changed (422 invalid input)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public async Task ApplyWithInvalidYaml_IsAUsageError_AndSendsNothing()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/apply", 200, Plan));

        var result = await CliRun.AgainstAsync(server, "apply", "-f", Config("jobs:\n  a: 1\n  a: 2\n"));

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("punctual.yaml: line 3, column 3: duplicate key 'a' (first defined on line 2)", result.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ApplyJsonOutput_IsTheApiAnswer()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("POST /api/v1/apply", 200, Plan));

        var result = await CliRun.AgainstAsync(server, "apply", "-f", Config("jobs: {}\n"), "--output", "json");

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Plan).RootElement, JsonDocument.Parse(result.Out).RootElement), result.Out);
    }
}
