using System.CommandLine;
using Punctual.Cli.Config;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual apply -f FILE [--dry-run] [--prune]</c>: sends a config file to the server, which plans it and
/// applies the whole plan in one transaction — or, if any job is invalid, nothing (exit 1, each error named).
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Option<string>("--file", "-f")
        {
            Description = "The config file: YAML, or JSON when it ends in .json",
            HelpName = "FILE",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan, change nothing" };
        var prune = new Option<bool>("--prune") { Description = "Delete the jobs the file does not name" };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("apply", "Create, update (and with --prune delete) jobs to match a config file, atomically")
        {
            file, dryRun, prune, output,
        };
        connection.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = ConfigFile.Load(parse.GetValue(file)!);
            using var client = connection.Connect(parse, context);
            var result = await client.ApplyAsync(document, parse.GetValue(dryRun), parse.GetValue(prune), cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, result);
            }
            else
            {
                PlanView.Write(context.Out, result);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
