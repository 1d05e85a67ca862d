using System.ComponentModel;
using System.Diagnostics;

namespace Punctual.Cli.Exec;

/// <summary>
/// Runs a command as a child process: its output passes through to ours and its tail is kept; the exit status is the
/// child's (on Unix, a child killed by signal N exits 128+N, as a shell reports it). A command that cannot be started
/// exits 127 (not found) or 126 (not executable), like a shell.
/// </summary>
internal static class CommandRunner
{
    public sealed record Outcome(int ExitStatus, string Tail, string? StartError);

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> command, TextWriter stdout, TextWriter stderr, int tailChars, CancellationToken cancellationToken)
    {
        var tail = new OutputTail(tailChars);
        var info = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var status = e.NativeErrorCode == 13 ? 126 : 127; // EACCES: found but not executable
            return new Outcome(status, "", $"cannot run '{command[0]}': {e.Message}");
        }

        var outTask = PumpAsync(process.StandardOutput, stdout, tail);
        var errTask = PumpAsync(process.StandardError, stderr, tail);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // We are being stopped: stop the command too, and report what it did.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        await Task.WhenAll(outTask, errTask);
        return new Outcome(process.ExitCode, tail.ToString(), null);
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to, OutputTail tail)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            tail.Append(line);
            lock (to)
            {
                to.WriteLine(line);
            }
        }

        lock (to)
        {
            to.Flush();
        }
    }
}
