using System.Globalization;
using Punctual.Core.Outcomes;
using Punctual.Core.Runs;

namespace Punctual.Engine.Tests.Targets;

/// <summary>Command targets run as real child processes of the engine: exit codes, output tail, timeouts, the node flag.</summary>
public sealed class CommandTargetTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(o => o.AllowCommands = true);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ExitZero_Succeeds_WithTheOutputTail_RunIdentity_AndResolvedSecrets()
    {
        _h.Environment["REPORT_SECRET"] = "s3cr3t";
        _h.Environment["PATH"] = "/usr/bin:/bin";
        await _h.CreateJobAsync("report", """
            { "schedule": "0 * * * *",
              "target": { "command": ["/bin/sh", "-c", "echo run=$PUNCTUAL_RUN_ID attempt=$PUNCTUAL_ATTEMPT key=$PUNCTUAL_IDEMPOTENCY_KEY; echo secret=$API_SECRET >&2; echo store=${PUNCTUAL_STORE:-none}"],
                          "env": { "API_SECRET": "${env:REPORT_SECRET}" }, "workdir": "/tmp" } }
            """);

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var run = Assert.Single(await _h.RunsAsync("report"));
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Null(run.LastStatusCode);
        var attempt = Assert.Single((await _h.RunAsync(run.Id)).Attempts);
        Assert.Equal("succeeded", attempt.Outcome);
        var id = run.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"run={id} attempt=1 key=report/2026-03-02T09:00:00Z", attempt.ResponseExcerpt, StringComparison.Ordinal);
        Assert.Contains("secret=s3cr3t", attempt.ResponseExcerpt, StringComparison.Ordinal);
        Assert.Contains("store=none", attempt.ResponseExcerpt, StringComparison.Ordinal);
        var job = await _h.Store.Jobs.GetAsync("report", CancellationToken.None);
        Assert.DoesNotContain("s3cr3t", job!.SpecJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonZeroExit_IsRetried_ThenDead_WithTheExitCodeInTheError()
    {
        await _h.CreateJobAsync("flaky", """
            { "schedule": "0 * * * *", "target": { "command": ["/bin/sh", "-c", "echo failing; exit 3"] },
              "retry": { "attempts": 2, "backoff": "10s..10s" } }
            """);

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        var first = Assert.Single(await _h.RunsAsync("flaky"));
        Assert.Equal(RunState.Failed, first.State);

        await _h.AdvanceAsync(TimeSpan.FromSeconds(10));

        var detail = await _h.RunAsync(first.Id);
        Assert.Equal(RunState.Dead, detail.Run.State);
        Assert.Equal(["transient", "transient"], detail.Attempts.Select(a => a.Outcome));
        Assert.All(detail.Attempts, a =>
        {
            Assert.Equal(ErrorClasses.ExitCode, a.ErrorClass);
            Assert.Equal("exit code 3", a.Error);
            Assert.Equal("failing\n", a.ResponseExcerpt);
        });
    }

    [Fact]
    public async Task PermanentExitCode_MakesTheRunDeadAtOnce()
    {
        await _h.CreateJobAsync("strict", """
            { "schedule": "0 * * * *", "target": { "command": ["/bin/sh", "-c", "exit 64"], "permanent_exit_codes": [64] },
              "retry": { "attempts": 5 } }
            """);

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var detail = await _h.RunAsync(Assert.Single(await _h.RunsAsync("strict")).Id);
        Assert.Equal(RunState.Dead, detail.Run.State);
        Assert.Equal("permanent", Assert.Single(detail.Attempts).Outcome);
        Assert.StartsWith("exit code 64", detail.Attempts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingProgram_IsAPermanentConfigurationError()
    {
        await _h.CreateJobAsync("typo", """{ "schedule": "0 * * * *", "target": { "command": ["/no/such/program"] }, "retry": { "attempts": 5 } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var detail = await _h.RunAsync(Assert.Single(await _h.RunsAsync("typo")).Id);
        Assert.Equal(RunState.Dead, detail.Run.State);
        Assert.Equal(ErrorClasses.Configuration, detail.Attempts[0].ErrorClass);
        Assert.Contains("cannot start '/no/such/program'", detail.Attempts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_KillsTheWholeProcessTree_AndIsATransientTimeout()
    {
        await _h.CreateJobAsync("slow", """
            { "schedule": "0 * * * *", "timeout": "5s", "retry": { "attempts": 1 },
              "target": { "command": ["/bin/sh", "-c", "sleep 313 & echo child=$!; wait"] } }
            """);
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);

        // The attempt's timeout runs on the fake clock: move it until the attempt gives up.
        var attempts = _h.Dispatcher.WhenAttemptsFinishedAsync();
        var child = 0;
        var giveUp = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (!attempts.IsCompleted)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < giveUp, "the attempt did not end after its timeout");
            child = child != 0 ? child : FindChild("sleep 313") ?? 0;
            if (child != 0)
            {
                _h.Time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.WhenAny(attempts, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        await _h.Completions.FlushAsync(CancellationToken.None);
        var detail = await _h.RunAsync(Assert.Single(await _h.RunsAsync("slow")).Id);
        Assert.Equal(RunState.Dead, detail.Run.State);
        Assert.Equal(ErrorClasses.Timeout, detail.Attempts[0].ErrorClass);
        Assert.Contains("no exit within 5s", detail.Attempts[0].Error, StringComparison.Ordinal);
        Assert.True(child > 0);
        Assert.False(IsAlive(child), $"the command's child {child} outlived the timeout");
    }

    [Fact]
    public async Task CancellingARunningCommand_KillsItsProcessTree()
    {
        await _h.CreateJobAsync("cancelled", """
            { "schedule": "0 * * * *", "timeout": "10m", "target": { "command": ["/bin/sh", "-c", "sleep 317 & wait"] } }
            """);
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        var child = await Punctual.Testing.Eventually.UntilAsync(() => Task.FromResult(FindChild("sleep 317")), pid => pid is not null, "the command started");
        var run = Assert.Single(await _h.RunsAsync("cancelled"));

        var cancel = await _h.Store.Runs.CancelAsync(new Punctual.Storage.Runs.CancelRequest(run.Id, "operator", _h.Time.GetUtcNow()), CancellationToken.None);
        Assert.True(cancel.WasRunning);
        await _h.Keeper.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        await _h.Completions.FlushAsync(CancellationToken.None);

        Assert.Equal(RunState.Cancelled, (await _h.RunAsync(run.Id)).Run.State);
        Assert.False(IsAlive(child!.Value), $"the command's child {child} outlived the cancel");
    }

    [Fact]
    public async Task ANodeWithoutAllowCommands_LeavesCommandRunsDue_AndNeverFailsThem()
    {
        await using var plain = await EngineHarness.StartAsync();
        await plain.CreateJobAsync("backup", """{ "schedule": "0 * * * *", "target": { "command": ["/bin/true"] } }""");
        await plain.CreateJobAsync("hook", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" } }""");

        await plain.AdvanceAsync(TimeSpan.FromHours(1));
        await plain.AdvanceAsync(TimeSpan.FromMinutes(30));

        var command = Assert.Single(await plain.RunsAsync("backup"));
        Assert.Equal(RunState.Pending, command.State);
        Assert.Equal(0, command.AttemptCount);
        Assert.Equal(RunState.Succeeded, Assert.Single(await plain.RunsAsync("hook")).State);
    }

    /// <summary>The pid of a command's background child (a sleep no other test runs), once it started.</summary>
    private static int? FindChild(string commandLine)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && IsAlive(pid))
            {
                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                    if (cmdline == commandLine)
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                    // The process went away while it was being read.
                }
            }
        }

        return null;
    }

    /// <summary>Alive: it exists and is not a zombie waiting to be reaped.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
