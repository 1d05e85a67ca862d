using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Punctual.Core.Outcomes;
using Punctual.Core.Targets;
using Punctual.Core.Time;
using Punctual.Engine.Hosting;

namespace Punctual.Engine.Targets;

/// <summary>
/// Runs one attempt of a command target as a child process of this node and classifies how it ended: exit 0 is
/// success; another exit code is a failure (transient, retried, unless the job lists it as permanent); no exit within
/// the attempt's timeout, or an abort, kills the whole process tree. The tail of stdout and stderr is kept for history.
/// Never throws for the command's behaviour. Secrets (<c>${env:NAME}</c> in env values) are resolved here and given
/// only to the child.
/// </summary>
public sealed class CommandTarget(SecretSource secrets, EngineOptions options, TimeProvider time, ILogger<CommandTarget> logger)
{
    /// <summary>
    /// The node's variables a command inherits; nothing else of the server's environment (which may hold its store
    /// URL or admin key) reaches it.
    /// </summary>
    private static readonly string[] Inherited = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR"];

    /// <summary>How long a killed tree may take to be reaped before the attempt is reported anyway.</summary>
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(5);

    /// <param name="abort">Cancelled when the attempt must stop early (run cancelled, lease lost, shutdown).</param>
    public async Task<AttemptResult> RunAsync(AttemptRequest request, CancellationToken abort)
    {
        var target = request.Target as CommandTargetSpec
            ?? throw new ArgumentException("CommandTarget runs command targets only.", nameof(request));
        if (!TryBuild(request, target, out var info, out var buildError))
        {
            return buildError!;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return AttemptResult.Permanent(ErrorClasses.Configuration, $"cannot start '{target.Argv[0]}' on this node: {e.Message}");
        }

        var tail = new OutputTail(options.ResponseExcerptBytes);
        using var readers = new CancellationTokenSource();
        var output = Task.WhenAll(
            tail.DrainAsync(process.StandardOutput.BaseStream, readers.Token),
            tail.DrainAsync(process.StandardError.BaseStream, readers.Token));
        process.StandardInput.Close(); // a command that reads stdin sees its end, not a hang

        using var timeout = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, abort);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process, request).ConfigureAwait(false);
            await FinishReadingAsync(output, readers).ConfigureAwait(false);
            return abort.IsCancellationRequested
                ? AttemptResult.Transient(ErrorClasses.Cancelled, "the attempt was stopped before it finished; the command's process tree was killed", excerpt: tail.Text())
                : AttemptResult.Transient(ErrorClasses.Timeout, $"no exit within {Durations.Format(request.Timeout)}; the command's process tree was killed", excerpt: tail.Text());
        }

        await FinishReadingAsync(output, readers).ConfigureAwait(false);
        var code = process.ExitCode;
        if (code == 0)
        {
            return AttemptResult.Success(null, tail.Text());
        }

        var error = string.Create(CultureInfo.InvariantCulture, $"exit code {code}");
        return target.PermanentExitCodes.Contains(code)
            ? AttemptResult.Permanent(ErrorClasses.ExitCode, error + " (listed in permanent_exit_codes)", excerpt: tail.Text())
            : AttemptResult.Transient(ErrorClasses.ExitCode, error, excerpt: tail.Text());
    }

    private bool TryBuild(AttemptRequest request, CommandTargetSpec target, out ProcessStartInfo info, out AttemptResult? error)
    {
        error = null;
        info = new ProcessStartInfo(target.Argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in target.Argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        if (target.WorkDir is { } workDir)
        {
            if (!Directory.Exists(workDir))
            {
                error = AttemptResult.Permanent(ErrorClasses.Configuration, $"the working directory {workDir} does not exist on this node");
                return false;
            }

            info.WorkingDirectory = workDir;
        }

        var environment = info.Environment;
        environment.Clear();
        foreach (var name in Inherited)
        {
            if (secrets.Get(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, rawValue) in target.Env)
        {
            if (!SecretTemplate.TryResolve(rawValue, secrets.Get, out var value, out var missing))
            {
                error = AttemptResult.Permanent(ErrorClasses.Configuration, $"environment variable {missing} (referenced by the target's env {name}) is not set on this node");
                return false;
            }

            environment[name] = value;
        }

        environment["PUNCTUAL_RUN_ID"] = request.RunId.ToString(CultureInfo.InvariantCulture);
        environment["PUNCTUAL_ATTEMPT"] = request.Attempt.ToString(CultureInfo.InvariantCulture);
        environment["PUNCTUAL_IDEMPOTENCY_KEY"] = request.IdempotencyKey;
        environment["PUNCTUAL_SCHEDULED_FOR"] = Instants.Format(request.ScheduledFor);
        if (request.Period is not null)
        {
            environment["PUNCTUAL_PERIOD"] = request.Period;
        }

        environment["TRACEPARENT"] = TraceParent.For(request.IdempotencyKey);
        return true;
    }

    private async Task KillAsync(Process process, AttemptRequest request)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            return; // it exited on its own meanwhile
        }

        try
        {
            using var reaped = new CancellationTokenSource(ReapTimeout, TimeProvider.System);
            await process.WaitForExitAsync(reaped.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The process tree of run {RunId} attempt {Attempt} was killed but did not exit within {Timeout}", request.RunId, request.Attempt, ReapTimeout);
        }
    }

    /// <summary>
    /// Waits for the output streams to close, at most <see cref="EngineOptions.CommandOutputGrace"/>: a background
    /// child that inherited them may keep them open long after the command exited.
    /// </summary>
    private async Task FinishReadingAsync(Task output, CancellationTokenSource readers)
    {
        var grace = Task.Delay(options.CommandOutputGrace, time, CancellationToken.None);
        if (await Task.WhenAny(output, grace).ConfigureAwait(false) != output)
        {
            // What was read so far is kept; the rest of a stream held open by a stray child is not awaited.
            await readers.CancelAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            await output.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The streams broke off; the tail keeps what arrived.
        }
    }
}
