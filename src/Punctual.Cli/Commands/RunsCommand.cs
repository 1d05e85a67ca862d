using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual runs</c> lists runs newest first (one page); <c>runs show|retry|cancel ID</c>.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var job = new Option<string?>("--job") { Description = "Only the runs of this job", HelpName = "NAME" };
        var state = new Option<string?>("--state") { Description = "Only runs in this state" };
        state.AcceptOnlyFromAmong([.. RunStates.All]);
        var origin = new Option<string?>("--origin") { Description = "Only runs with this origin" };
        origin.AcceptOnlyFromAmong([.. RunOrigins.All]);
        var limit = new Option<int?>("--limit") { Description = "How many runs, 1..1000 [default: the server's, 100]", HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "Continue a listing where the previous page ended", HelpName = "CURSOR" };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("runs", "List runs, newest first") { job, state, origin, limit, cursor, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) is { } n && n is < 1 or > 1000)
            {
                throw new UsageException($"--limit must be between 1 and 1000, got {n}");
            }

            using var client = connection.Connect(parse, context);
            var query = new RunQuery
            {
                Job = parse.GetValue(job),
                State = parse.GetValue(state),
                Origin = parse.GetValue(origin),
                Cursor = parse.GetValue(cursor),
                Limit = parse.GetValue(limit),
            };
            var page = await client.ListRunsAsync(query, cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, page);
                return ExitCodes.Ok;
            }

            RunViews.WriteTable(context.Out, page.Items);
            if (page.NextCursor is { } next)
            {
                // On stderr, so the table alone is what a pipe receives.
                context.Error.WriteLine($"More runs: add --cursor {next}");
            }

            return ExitCodes.Ok;
        });

        command.Subcommands.Add(Show(context, connection));
        command.Subcommands.Add(Action(context, connection, "retry", "Replay a dead or cancelled run (same idempotency key)", (c, id, ct) => c.RetryRunAsync(id, ct)));
        command.Subcommands.Add(Action(context, connection, "cancel", "Cancel a pending, failed or running run", (c, id, ct) => c.CancelRunAsync(id, ct)));
        return command;
    }

    private static Command Show(CliContext context, ConnectionOptions connection)
    {
        var id = new Argument<long>("id") { Description = "The run's id" };
        var output = OutputOption.Create();
        var command = new Command("show", "Show one run and its attempts") { id, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var run = await client.GetRunAsync(parse.GetValue(id), cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, run);
            }
            else
            {
                RunViews.WriteDetail(context.Out, run);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Action(
        CliContext context, ConnectionOptions connection, string name, string description, Func<PunctualClient, long, CancellationToken, Task<Run>> act)
    {
        var id = new Argument<long>("id") { Description = "The run's id" };
        var output = OutputOption.Create();
        var command = new Command(name, description) { id, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var run = await act(client, parse.GetValue(id), cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, run);
            }
            else
            {
                context.Out.WriteLine(RunViews.Summary(run));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
