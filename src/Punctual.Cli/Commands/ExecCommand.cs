using System.CommandLine;
using Punctual.Cli.Exec;
using Punctual.Cli.Invocation;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual exec --monitor NAME -- CMD ARGS…</c>: wraps an existing cron line. Pings start, runs the command (its
/// output passes through; the tail is kept), pings success or failure with the exit status and that tail, and exits
/// with the command's status. When the server cannot be reached (or the monitor is unknown), the command still runs:
/// a cron job must not stop because its monitoring is down; stderr says so.
/// </summary>
internal static class ExecCommand
{
    public static Command Create(CliContext context)
    {
        var monitor = new Option<string>("--monitor") { Description = "The monitor to ping", Required = true, HelpName = "NAME" };
        var tail = new Option<int>("--tail") { Description = "Characters of the output's end sent with the result (0..10000)", DefaultValueFactory = _ => 10_000 };
        var command = new Argument<string[]>("command") { Description = "The command and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var connection = new ConnectionOptions();
        var exec = new Command("exec", "Run a command, pinging a monitor with its start, exit status and output tail; exits with the command's status")
        {
            monitor, tail, command,
        };
        connection.AddTo(exec);
        exec.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(monitor)!;
            var tailChars = parse.GetValue(tail);
            if (tailChars is < 0 or > 10_000)
            {
                throw new UsageException("--tail must be between 0 and 10000");
            }

            PunctualClient? client = null;
            try
            {
                client = connection.Connect(parse, context);
            }
            catch (UsageException e)
            {
                context.Error.WriteLine($"punctual exec: {e.Message}; running the command without pinging");
            }

            using (client)
            {
                var reachable = client is not null && await PingAsync(client, context.Error, name, "start", null, null, cancellationToken);
                var outcome = await CommandRunner.RunAsync(parse.GetValue(command)!, context.Out, context.Error, tailChars, cancellationToken);
                if (outcome.StartError is not null)
                {
                    context.Error.WriteLine($"punctual exec: {outcome.StartError}");
                }

                if (reachable)
                {
                    var output = outcome.StartError ?? outcome.Tail;
                    await PingAsync(client!, context.Error, name, outcome.ExitStatus == 0 ? "success" : "fail", outcome.ExitStatus, output.Length == 0 ? null : output, CancellationToken.None);
                }

                return outcome.ExitStatus;
            }
        });
        return exec;
    }

    /// <summary>Pings; on failure says why on stderr and returns false (the command runs regardless).</summary>
    private static async Task<bool> PingAsync(PunctualClient client, TextWriter error, string monitor, string kind, int? exit, string? output, CancellationToken cancellationToken)
    {
        try
        {
            await client.PingMonitorAsync(monitor, kind, exit is { } e ? Math.Clamp(e, 0, 255) : null, output, cancellationToken);
            return true;
        }
        catch (PunctualUnreachableException e)
        {
            Report($"cannot reach the server ({e.Message}); {(kind == "start" ? "running the command anyway" : "the result was not recorded")}");
        }
        catch (PunctualApiException e)
        {
            Report($"monitor '{monitor}': {e.Problem.Detail ?? e.Message}; {(kind == "start" ? "running the command anyway" : "the result was not recorded")}");
        }

        return false;

        void Report(string message)
        {
            lock (error)
            {
                error.WriteLine($"punctual exec: {message}");
            }
        }
    }
}
