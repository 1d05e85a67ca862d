using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual jobs</c> lists every job (all pages); <c>jobs show NAME</c> and <c>jobs delete NAME</c>.</summary>
internal static class JobsCommand
{
    public static Command Create(CliContext context)
    {
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("jobs", "List jobs: schedule, state, next fire and last run") { output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var jobs = new List<Job>();
            await foreach (var job in client.ListAllJobsAsync(cancellationToken: cancellationToken))
            {
                jobs.Add(job);
            }

            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new JobPage { Items = jobs });
            }
            else
            {
                JobViews.WriteTable(context.Out, jobs);
            }

            return ExitCodes.Ok;
        });

        command.Subcommands.Add(Show(context, connection));
        command.Subcommands.Add(Delete(context, connection));
        return command;
    }

    private static Command Show(CliContext context, ConnectionOptions connection)
    {
        var name = new Argument<string>("name") { Description = "The job's name" };
        var output = OutputOption.Create();
        var command = new Command("show", "Show one job: its state and its full definition") { name, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var job = await client.GetJobAsync(parse.GetValue(name)!, cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, job);
            }
            else
            {
                JobViews.WriteDetail(context.Out, job);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliContext context, ConnectionOptions connection)
    {
        var name = new Argument<string>("name") { Description = "The job's name" };
        var command = new Command("delete", "Delete a job and its run history") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var jobName = parse.GetValue(name)!;
            await client.DeleteJobAsync(jobName, cancellationToken);
            context.Out.WriteLine($"Deleted job {jobName}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
