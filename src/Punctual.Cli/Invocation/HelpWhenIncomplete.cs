using System.CommandLine;
using System.CommandLine.Help;

namespace Punctual.Cli.Invocation;

/// <summary>
/// A group command run without its subcommand (<c>punctual</c>, <c>punctual keys</c>) shows its help, which is more
/// use than "Required command was not provided"; it is still a usage error (exit 2), so scripts notice.
/// </summary>
internal static class HelpWhenIncomplete
{
    public static void Attach(Command command) =>
        command.SetAction(parse =>
        {
            new HelpAction().Invoke(parse);
            return ExitCodes.Usage;
        });
}
