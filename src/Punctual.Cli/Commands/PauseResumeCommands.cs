using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual pause NAME</c> (no new runs until resumed) and <c>punctual resume NAME</c> (fires again; missed fires
/// follow the job's catch_up policy); with <c>--gate NAME</c>, the same for a gate (a paused gate releases nothing; on
/// resume its backlog drains at its limits). Both print the new state.
/// </summary>
internal static class PauseResumeCommands
{
    public static Command Pause(CliContext context) => Create(
        context,
        "pause",
        "Pause a job (its fires wait until it is resumed, then catch_up decides), or with --gate a gate (it releases nothing until resumed)",
        (client, name, ct) => client.PauseJobAsync(name, ct),
        (client, name, ct) => client.PauseGateAsync(name, ct));

    public static Command Resume(CliContext context) => Create(
        context,
        "resume",
        "Resume a paused job, or with --gate a paused gate (its backlog drains at the gate's limits)",
        (client, name, ct) => client.ResumeJobAsync(name, ct),
        (client, name, ct) => client.ResumeGateAsync(name, ct));

    private static Command Create(
        CliContext context,
        string verb,
        string description,
        Func<PunctualClient, string, CancellationToken, Task<Job>> actOnJob,
        Func<PunctualClient, string, CancellationToken, Task<Gate>> actOnGate)
    {
        var name = new Argument<string?>("name") { Description = "The job's name", Arity = ArgumentArity.ZeroOrOne };
        var gate = new Option<string?>("--gate") { Description = "A gate's name instead of a job's (a host gate is host:<host>[:port])" };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command(verb, description) { name, gate, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (jobName, gateName) = (parse.GetValue(name), parse.GetValue(gate));
            if ((jobName is null) == (gateName is null))
            {
                throw new UsageException($"name a job (punctual {verb} NAME) or a gate (punctual {verb} --gate NAME), not both or neither");
            }

            using var client = connection.Connect(parse, context);
            if (gateName is not null)
            {
                var changed = await actOnGate(client, gateName, cancellationToken);
                if (parse.IsJson(output))
                {
                    JsonOutput.Write(context.Out, changed);
                }
                else
                {
                    context.Out.WriteLine(GateViews.StateLine(changed));
                }

                return ExitCodes.Ok;
            }

            var job = await actOnJob(client, jobName!, cancellationToken);
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
