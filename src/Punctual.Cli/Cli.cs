using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Punctual.Cli.Commands;
using Punctual.Cli.Invocation;

namespace Punctual.Cli;

/// <summary>
/// The testable entry point of <c>punctual</c>: parses, runs one command, and turns every expected failure into an
/// <c>error: …</c> line and an exit code (<see cref="ExitCodes"/>). Program.cs only hands it the real console.
/// </summary>
internal static class Cli
{
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IEnvironment environment, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, environment, time ?? TimeProvider.System);
        var root = CreateRoot(context);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return ReportUsage(parse, stderr);
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Failures are ours to report (Failures), without the stack trace the default handler prints.
            EnableDefaultExceptionHandler = false,
            // `serve` shuts down gracefully on SIGINT/SIGTERM by itself; client commands may simply be interrupted.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failures.Report(e, stderr);
        }
    }

    internal static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand(
            $"""
            Punctual: scheduled and deferred tasks you can trust.

            Client commands talk to the server at --url (or {EnvironmentVariables.Url}) with the API key --key (or {EnvironmentVariables.Key}).
            `punctual next` works offline.

            {ExitCodes.HelpText}
            """)
        {
            ServeCommand.Create(context),
            ApplyCommand.Create(context),
            JobsCommand.Create(context),
            RunsCommand.Create(context),
            TriggerCommand.Create(context),
            BackfillCommand.Create(context),
            PauseResumeCommands.Pause(context),
            PauseResumeCommands.Resume(context),
            NextCommand.Create(context),
            KeysCommand.Create(context),
            NodesCommand.Create(context),
            GatesCommand.Create(context),
            PlanOutageCommand.Create(context),
            ChannelsCommand.Create(context),
            IncidentsCommand.Create(context),
            MonitorsCommand.Create(context),
            ExecCommand.Create(context),
            PingCommand.Create(context),
        };
        HelpWhenIncomplete.Attach(root);
        return root;
    }

    private static int ReportUsage(ParseResult parse, TextWriter stderr)
    {
        foreach (var error in parse.Errors)
        {
            stderr.WriteLine($"error: {error.Message}");
        }

        stderr.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return ExitCodes.Usage;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            names.Insert(0, command.Command is RootCommand ? "punctual" : command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
