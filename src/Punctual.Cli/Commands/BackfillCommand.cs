using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual backfill JOB --from T --to T [--dry-run] [--no-wait]</c>: creates the job's fires in the range (each
/// once: running it again creates nothing new), then follows them with a progress bar while the job's gate releases
/// them. Exits 1 when a backfilled run ended dead. Ctrl+C stops watching, not the backfill.
/// </summary>
internal static class BackfillCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("job") { Description = "The job's name" };
        var from = new Option<string>("--from") { Description = "First fire time of the range (ISO-8601, included)", HelpName = "INSTANT", Required = true };
        var to = new Option<string>("--to") { Description = "Last fire time of the range (ISO-8601, included; not in the future)", HelpName = "INSTANT", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count the fires and what would be created; change nothing" };
        var noWait = new Option<bool>("--no-wait") { Description = "Create the runs and return; do not follow their progress" };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("backfill", "Run a job's fires between two instants (idempotent), released through its gate, with progress")
        {
            name, from, to, dryRun, noWait, output,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var start = InstantOptions.Parse("--from", parse.GetValue(from));
            var end = InstantOptions.Parse("--to", parse.GetValue(to));
            using var client = connection.Connect(parse, context);
            var job = parse.GetValue(name)!;
            var result = await client.BackfillJobAsync(job, start, end, parse.GetValue(dryRun), cancellationToken);
            var json = parse.IsJson(output);
            if (!json)
            {
                context.Out.WriteLine(BackfillViews.Result(result));
            }

            if (result.DryRun || parse.GetValue(noWait))
            {
                if (json)
                {
                    JsonOutput.Write(context.Out, result);
                }

                return ExitCodes.Ok;
            }

            var progress = await FollowAsync(client, result, json, context, cancellationToken);
            if (json)
            {
                JsonOutput.Write(context.Out, new { backfill = result, progress });
            }

            return progress is { Done: true, Dead: > 0 } ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<BackfillProgress?> FollowAsync(PunctualClient client, BackfillResult result, bool json, CliContext context, CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        var live = !json && context.Error == Console.Error && !Console.IsErrorRedirected;
        string? shown = null;
        BackfillProgress? progress = null;
        try
        {
            while (true)
            {
                progress = await client.GetBackfillProgressAsync(result.Job, result.From, result.To, cancellationToken);
                var bar = BackfillViews.Bar(progress);
                if (!json && bar != shown)
                {
                    // On a terminal the bar redraws in place; in a log, a line per change.
                    context.Error.Write(live ? $"\r{bar}" : bar + Environment.NewLine);
                    shown = bar;
                }

                if (progress.Done)
                {
                    if (live)
                    {
                        context.Error.WriteLine();
                    }

                    if (!json)
                    {
                        context.Out.WriteLine(BackfillViews.Summary(progress, context.Time.GetElapsedTime(started)));
                    }

                    return progress;
                }

                await Task.Delay(PollInterval, context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine();
            context.Error.WriteLine("Stopped watching; the backfill goes on (follow it with 'punctual runs --job " + result.Job + " --origin backfill').");
            return progress;
        }
    }
}
