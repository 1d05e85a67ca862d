using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Cli.Output;
using Punctual.Client;

namespace Punctual.Cli.Commands;

/// <summary><c>punctual keys list|create|revoke</c>: API key management (needs an admin key).</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var command = new Command("keys", "Manage API keys (needs a key with the admin scope)");
        connection.AddTo(command);
        command.Subcommands.Add(List(context, connection));
        command.Subcommands.Add(CreateKey(context, connection));
        command.Subcommands.Add(Revoke(context, connection));
        HelpWhenIncomplete.Attach(command);
        return command;
    }

    private static Command List(CliContext context, ConnectionOptions connection)
    {
        var output = OutputOption.Create();
        var command = new Command("list", "List API keys (prefixes only, never secrets)") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var keys = await client.ListKeysAsync(cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, new { items = keys });
            }
            else
            {
                KeyViews.WriteTable(context.Out, keys);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateKey(CliContext context, ConnectionOptions connection)
    {
        var scope = new Option<string>("--scope")
        {
            Description = "read: every GET; write: read + change jobs and runs; admin: write + manage keys",
            Required = true,
        };
        scope.AcceptOnlyFromAmong([.. KeyScopes.All]);
        var name = new Option<string?>("--name") { Description = "A name to tell the key apart", HelpName = "NAME" };
        var output = OutputOption.Create();
        var command = new Command("create", "Create an API key; its secret is printed once") { scope, name, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var key = await client.CreateKeyAsync(parse.GetValue(scope)!, parse.GetValue(name), cancellationToken);
            if (parse.IsJson(output))
            {
                JsonOutput.Write(context.Out, key);
                context.Error.WriteLine("Store the key now: it cannot be shown again.");
            }
            else
            {
                KeyViews.WriteCreated(context.Out, context.Error, key);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke(CliContext context, ConnectionOptions connection)
    {
        var id = new Argument<long>("id") { Description = "The key's id (see keys list)" };
        var command = new Command("revoke", "Revoke an API key; requests with it are refused from now on") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = connection.Connect(parse, context);
            var keyId = parse.GetValue(id);
            await client.RevokeKeyAsync(keyId, cancellationToken);
            context.Out.WriteLine($"Revoked key {keyId}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
