using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual channels [NAME]</c> lists alert channels (or shows one); <c>punctual channels test NAME</c> sends a test message.</summary>
internal static class ChannelsCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "Show only this channel", Arity = ArgumentArity.ZeroOrOne };
        var output = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("channels", "List alert channels (webhook, slack, email); 'channels test NAME' sends a test message") { name, output };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            if (parse.GetValue(name) is { } one)
            {
                var channel = await client.GetChannelAsync(one, cancellationToken);
                if (parse.IsJson(output))
                {
                    JsonOutput.Write(context.Out, channel);
                }
                else
                {
                    AlertViews.WriteChannelDetail(context.Out, channel);
                }

                return ExitCodes.Ok;
            }

            var channels = await client.ListChannelsAsync(cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new { items = channels });
            }
            else
            {
                AlertViews.WriteChannels(context.Out, channels);
            }

            return ExitCodes.Ok;
        });
        command.Subcommands.Add(Test(context, connection));
        return command;
    }

    private static Command Test(CliContext context, ConnectionOptions connection)
    {
        var name = new Argument<string>("name") { Description = "The channel to send a test message through" };
        var command = new Command("test", "Send a test message through a channel now; exits non-zero when it is not delivered") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var channel = parse.GetValue(name)!;
            await client.TestChannelAsync(channel, cancellationToken);
            context.Out.WriteLine($"channel {channel}: test message delivered");
            return ExitCodes.Ok;
        });
        return command;
    }
}
