using System.CommandLine;
using System.Text.Json;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual trigger NAME [--body JSON]</c>: a run now; prints it (skipped runs with their reason).</summary>
internal static class TriggerCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job's name" };
        var body = new Option<string?>("--body")
        {
            Description = "JSON that replaces the target's body for this run, e.g. '{\"full\": true}'",
            HelpName = "JSON",
        };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("trigger", "Run a job now (the overlap policy may skip it)") { name, body, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var payload = ParseBody(parse.GetValue(body));
            using var client = connection.Connect(parse, context);
            var run = await client.TriggerJobAsync(parse.GetValue(name)!, payload, cancellationToken);
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

    private static JsonElement? ParseBody(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new UsageException($"--body is not valid JSON: {(cut > 0 ? message[..cut] : message)}");
        }
    }
}
