using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual gates [NAME]</c>: every gate with its backlog, in-flight count and effective rate, or one gate.</summary>
internal static class GatesCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "Show only this gate", Arity = ArgumentArity.ZeroOrOne };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("gates", "List gates (named and host gates): state, rate, effective rate, backlog, in flight") { name, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            if (parse.GetValue(name) is { } one)
            {
                var gate = await client.GetGateAsync(one, cancellationToken);
                if (parse.IsJson(output))
                {
                    JsonOutput.Write(context.Out, gate);
                }
                else
                {
                    GateViews.WriteDetail(context.Out, gate);
                }

                return ExitCodes.Ok;
            }

            var gates = await client.ListGatesAsync(cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new { items = gates });
            }
            else
            {
                GateViews.WriteTable(context.Out, gates);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
