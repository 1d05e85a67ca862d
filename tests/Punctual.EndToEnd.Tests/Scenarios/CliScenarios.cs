using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>The five-minute tour of the README, done by the real CLI against the real server, plus what goes wrong.</summary>
public sealed class CliScenarios : IAsyncLifetime
{
    private const string Config = """
        jobs:
          nightly:
            schedule: "0 2 * * *"
            timezone: Europe/Paris
            target: { url: SINK/nightly, body: { kind: cleanup } }
          adhoc:
            target: { url: SINK/adhoc }
        """;

    private Deployment _d = null!;

    public async Task InitializeAsync() => _d = await Deployment.StartAsync();

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task Tour_ApplyListTriggerPauseResumeHistory()
    {
        var dryRun = await _d.CliAsync("apply", "-f", _d.WriteConfig(Config), "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("Dry run", dryRun.Stdout);
        Assert.Empty((await _d.Client.ListJobsAsync()).Items);

        var apply = await _d.CliAsync("apply", "-f", _d.WriteConfig(Config));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("2 to create", apply.Stdout);

        var jobs = await _d.CliAsync("jobs");
        Assert.Contains("nightly", jobs.Stdout);
        Assert.Contains("0 2 * * *", jobs.Stdout);

        var trigger = await _d.CliAsync("trigger", "adhoc");
        Assert.True(trigger.ExitCode == 0, trigger.ToString());
        await _d.RunsUntilAsync("adhoc", r => r.Any(x => x.State == "succeeded"), "the triggered run succeeded");

        Assert.Equal(0, (await _d.CliAsync("pause", "nightly")).ExitCode);
        Assert.Equal("paused", (await _d.Client.GetJobAsync("nightly")).State);
        Assert.Equal(0, (await _d.CliAsync("resume", "nightly")).ExitCode);
        Assert.Equal("active", (await _d.Client.GetJobAsync("nightly")).State);

        var runs = await _d.CliAsync("runs", "--job", "adhoc", "--output", "json");
        Assert.Equal(0, runs.ExitCode);
        Assert.Contains("\"succeeded\"", runs.Stdout);

        var unchanged = await _d.CliAsync("apply", "-f", _d.WriteConfig(Config));
        Assert.Contains("2 unchanged", unchanged.Stdout);
    }

    [Fact]
    public async Task Nodes_ListsTheRunningServer()
    {
        var nodes = await Eventually.UntilAsync(() => _d.CliAsync("nodes"), r => r.Stdout.Contains("alive", StringComparison.Ordinal), "the node heart-beat");

        Assert.Equal(0, nodes.ExitCode);
        Assert.Contains(Environment.MachineName.ToLowerInvariant(), nodes.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadConfig_NothingIsApplied_AndTheErrorNamesJobFieldAndReason()
    {
        const string bad = """
            jobs:
              good: { every: 1h, target: { url: SINK/good } }
              broken: { schedule: "0 9 * * * * *", timezone: Mars/Base, target: { url: SINK/broken } }
            """;

        var result = await _d.CliAsync("apply", "-f", _d.WriteConfig(bad));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("jobs.broken.schedule", result.Stderr);
        Assert.Contains("jobs.broken.timezone", result.Stderr);
        Assert.Contains("Mars/Base", result.Stderr);
        Assert.Empty((await _d.Client.ListJobsAsync()).Items);
    }

    [Fact]
    public async Task YamlSyntaxError_IsAUsageErrorWithThePosition()
    {
        var result = await _d.CliAsync("apply", "-f", _d.WriteConfig("jobs:\n  a: { every: 1h\n  b: [\n"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line", result.Stderr);
        Assert.Empty((await _d.Client.ListJobsAsync()).Items);
    }

    [Fact]
    public async Task ApiKeys_ScopesAreEnforced()
    {
        var created = await _d.CliAsync("keys", "create", "--scope", "read");
        Assert.True(created.ExitCode == 0, created.ToString());
        var readKey = created.Stdout.Trim();
        await _d.ApplyAsync(Config);
        var environment = new Dictionary<string, string?>(_d.CliEnvironment) { ["PUNCTUAL_KEY"] = readKey };

        Assert.Equal(0, (await CliProcess.RunAsync(environment, "jobs")).ExitCode);
        var forbidden = await CliProcess.RunAsync(environment, "trigger", "adhoc");
        Assert.Equal(4, forbidden.ExitCode);
        Assert.Contains("write", forbidden.Stderr);
    }

    [Fact]
    public async Task WithoutAValidKey_TheApiAnswers401_AndTheCliSaysSo()
    {
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(new Uri(_d.Server.BaseUrl, "api/v1/jobs"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var wrong = await CliProcess.RunAsync(new Dictionary<string, string?>(_d.CliEnvironment) { ["PUNCTUAL_KEY"] = "pk_wrong_wrong_wrong_wrong" }, "jobs");
        Assert.Equal(4, wrong.ExitCode);
        var missing = await CliProcess.RunAsync(new Dictionary<string, string?>(_d.CliEnvironment) { ["PUNCTUAL_KEY"] = null }, "jobs");
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task BadApiInput_GetsProblemDetails_AndStoresNothing()
    {
        using var http = new HttpClient { BaseAddress = _d.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.AdminKey);

        using var job = await http.PostAsync("api/v1/jobs", new StringContent("""{ "name": "x", "every": "fast", "target": { "url": "https://x.test/" } }""", Encoding.UTF8, "application/json"));
        using var task = await http.PostAsync("api/v1/tasks", new StringContent("""{ "target": { "url": "not a url" }, "delay": 5 }""", Encoding.UTF8, "application/json"));
        using var garbage = await http.PostAsync("api/v1/tasks", new StringContent("{{{", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, job.StatusCode);
        Assert.Contains("\"field\":\"every\"", await job.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, task.StatusCode);
        var taskProblem = await task.Content.ReadAsStringAsync();
        Assert.Contains("\"field\":\"target.url\"", taskProblem);
        Assert.Contains("\"field\":\"delay\"", taskProblem);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Empty((await _d.Client.ListJobsAsync()).Items);
        Assert.Empty((await _d.Client.ListRunsAsync()).Items);
    }

    [Fact]
    public async Task AServerThatIsDown_GivesAClearErrorAndExitCode3()
    {
        var environment = new Dictionary<string, string?>(_d.CliEnvironment) { ["PUNCTUAL_URL"] = $"http://127.0.0.1:{FreePort.Next()}" };

        var result = await CliProcess.RunAsync(environment, "jobs");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach Punctual", result.Stderr);
    }

    [Fact]
    public async Task ASecondServerOnTheSameStore_RefusesToStart()
    {
        var second = await CliProcess.RunAsync(
            new Dictionary<string, string?>(),
            "serve", "--listen", $"http://127.0.0.1:{FreePort.Next()}", "--store", $"sqlite:{_d.DatabasePath}");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("another punctual process", second.Stdout + second.Stderr);
    }

    [Fact]
    public async Task Next_PreviewsFireTimesOffline()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), "next", "30 2 * * *", "--tz", "Europe/Paris", "--from", "2026-03-28T00:00:00Z", "--count", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>The first start of a fresh store without PUNCTUAL_ADMIN_KEY prints an admin key once.</summary>
public sealed class FirstStartScenario
{
    [Fact]
    public async Task FirstStart_PrintsAnAdminKeyOnce_ThatWorks()
    {
        using var directory = new TempDirectory();
        var port = FreePort.Next();
        var arguments = new[] { "serve", "--listen", $"http://127.0.0.1:{port}", "--store", $"sqlite:{directory.File("p.db")}" };
        using var first = System.Diagnostics.Process.Start(PunctualBinary.StartInfo(arguments))!;
        var key = "";
        while (await first.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Trim().StartsWith("pk_", StringComparison.Ordinal))
            {
                key = line.Trim();
            }

            if (line.Contains("serving on", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.StartsWith("pk_", key);
        using (var client = new Client.PunctualClient(new Uri($"http://127.0.0.1:{port}/"), key))
        {
            Assert.Empty((await client.ListJobsAsync()).Items);
        }

        first.Kill();
        await first.WaitForExitAsync();

        using var second = System.Diagnostics.Process.Start(PunctualBinary.StartInfo(arguments))!;
        var output = new StringBuilder();
        while (await second.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.Contains("serving on", StringComparison.Ordinal))
            {
                break;
            }
        }

        second.Kill();
        await second.WaitForExitAsync();
        Assert.DoesNotContain("pk_", output.ToString());
    }
}
