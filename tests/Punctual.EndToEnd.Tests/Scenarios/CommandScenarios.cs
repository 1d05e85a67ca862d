using System.Globalization;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>
/// Command jobs run by real `punctual serve` processes: real programs, real exit codes, a real kill on timeout,
/// the output visible through the CLI, and a node without --allow-commands that leaves them alone.
/// </summary>
public sealed class CommandScenarios
{
    private const string Config = """
        jobs:
          greet:
            target: { command: ["/bin/sh", "-c", "echo hello from run $PUNCTUAL_RUN_ID; echo to stderr >&2"] }
          broken:
            target: { command: ["/bin/sh", "-c", "echo about to fail; exit 3"] }
            retry: { attempts: 2, backoff: 100ms..100ms }
          stuck:
            target: { command: ["/bin/sh", "-c", "echo started; sleep 60"] }
            timeout: 1s
            retry: { attempts: 1 }
          hook:
            target: { url: SINK/hook }
        """;

    [Fact]
    public async Task WithAllowCommands_CommandsRun_ExitCodesDecide_TimeoutsKill_AndTheOutputIsInHistory()
    {
        await using var d = await Deployment.StartAsync(arguments: ["--allow-commands"]);
        await d.ApplyAsync(Config);

        var greet = await d.Client.TriggerJobAsync("greet");
        var broken = await d.Client.TriggerJobAsync("broken");
        var stuck = await d.Client.TriggerJobAsync("stuck");

        var succeeded = await d.RunUntilAsync(greet.Id, r => r.State == "succeeded", "the greeting succeeded");
        var id = succeeded.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"hello from run {id}", Assert.Single(succeeded.Attempts!).ResponseExcerpt);
        var show = await d.CliAsync("runs", "show", id);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"  hello from run {id}", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("  to stderr", show.Stdout, StringComparison.Ordinal);

        var dead = await d.RunUntilAsync(broken.Id, r => r.State == "dead", "the failing command went dead");
        Assert.Equal(2, dead.AttemptCount);
        Assert.All(dead.Attempts!, a => Assert.Equal(("transient", "exit_code", "exit code 3"), (a.Outcome, a.ErrorClass, a.Error)));
        Assert.Equal("about to fail\n", dead.Attempts![1].ResponseExcerpt);

        var killed = await d.RunUntilAsync(stuck.Id, r => r.State == "dead", "the stuck command was killed");
        var attempt = Assert.Single(killed.Attempts!);
        Assert.Equal("timeout", attempt.ErrorClass);
        Assert.Contains("process tree was killed", attempt.Error, StringComparison.Ordinal);
        Assert.Equal("started\n", attempt.ResponseExcerpt);
        Assert.InRange(attempt.DurationMs!.Value, 900, 20_000);

        var runs = await d.CliAsync("runs", "--job", "broken");
        Assert.Contains("dead", runs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAllowCommands_ACommandRunStaysDue_AndIsNeverFailed()
    {
        await using var d = await Deployment.StartAsync();
        await d.ApplyAsync(Config);

        var command = await d.Client.TriggerJobAsync("greet");
        var http = await d.Client.TriggerJobAsync("hook");

        // The HTTP run, due after the command run, went through: the dispatcher claimed past the command run.
        await d.RunUntilAsync(http.Id, r => r.State == "succeeded", "the http run succeeded");
        var waiting = await d.Client.GetRunAsync(command.Id);
        Assert.Equal(("pending", 0), (waiting.State, waiting.AttemptCount));
        Assert.Empty(waiting.Attempts ?? []);
    }

    [Fact]
    public async Task ABadCommandInAConfigFile_IsRefused_NamingEachField_AndNothingIsApplied()
    {
        await using var d = await Deployment.StartAsync();
        const string bad = """
            jobs:
              fine: { target: { url: SINK/fine } }
              relative: { target: { command: ["backup"], workdir: "srv/backups" } }
              empty: { target: { command: [] } }
              both: { target: { command: ["ls"], url: SINK/both } }
              leaky: { target: { command: ["psql"], env: { PGPASSWORD: hunter2 } } }
            """;

        var result = await d.CliAsync("apply", "-f", d.WriteConfig(bad));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("jobs.relative.target.workdir", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("jobs.empty.target.command", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("jobs.both.target.command", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("jobs.leaky.target.env.PGPASSWORD", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr, StringComparison.Ordinal);
        Assert.Empty((await d.Client.ListJobsAsync()).Items);
    }

    [Fact]
    public async Task AllowCommands_CanComeFromTheEnvironment()
    {
        await using var d = await Deployment.StartAsync(new Dictionary<string, string?> { ["PUNCTUAL_ALLOW_COMMANDS"] = "true" });
        await d.ApplyAsync(Config);

        var run = await d.Client.TriggerJobAsync("greet");

        var done = await d.RunUntilAsync(run.Id, r => r.State == "succeeded", "the command ran");
        Assert.Contains("hello from run", done.Attempts![0].ResponseExcerpt, StringComparison.Ordinal);
        Assert.Contains("Command targets are allowed", d.Server.Output, StringComparison.Ordinal);
    }
}
