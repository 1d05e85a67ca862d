using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual pause NAME</c> (no new runs until resumed) and <c>punctual resume NAME</c> (fires again; missed fires
/// follow the job's catch_up policy). Both print the job's new state.
/// </summary>
internal static class PauseResumeCommands
{
    public static Command Pause(CliContext context) => Create(
        context,
        "pause",
        "Pause a job: its fires wait until it is resumed (then catch_up decides)",
        (client, name, ct) => client.PauseJobAsync(name, ct));

    public static Command Resume(CliContext context) => Create(
        context,
        "resume",
        "Resume a paused job",
        (client, name, ct) => client.ResumeJobAsync(name, ct));

    private static Command Create(CliContext context, string verb, string description, Func<PunctualClient, string, CancellationToken, Task<Job>> act)
    {
        var name = new Argument<string>("name") { Description = "The job's name" };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command(verb, description) { name, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var job = await act(client, parse.GetValue(name)!, cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, job);
            }
            else
            {
                context.Out.WriteLine(JobViews.StateLine(job));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
