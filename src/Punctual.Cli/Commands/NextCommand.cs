using System.CommandLine;
using Punctual.Cli.Invocation;
using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Cli.Commands;

/// <summary>
/// <c>punctual next EXPR --tz ZONE [--from INSTANT] [--count N]</c>: the fire times of a cron expression, computed
/// offline with the server's own scheduling code (so DST behaves exactly as it will in production), one ISO-8601 UTC
/// instant per line.
/// </summary>
internal static class NextCommand
{
    public const int MaxCount = 1000;

    public static Command Create(CliContext context)
    {
        var expression = new Argument<string[]>("expression")
        {
            Description = "A cron expression: 5 fields, or 6 with seconds first; quote it ('0 9 * * 1-5')",
            Arity = ArgumentArity.OneOrMore,
        };
        var zone = new Option<string>("--tz")
        {
            Description = "The IANA time zone the expression is read in, e.g. Europe/Paris or UTC",
            HelpName = "ZONE",
            Required = true,
        };
        var from = new Option<string?>("--from")
        {
            Description = "List fires strictly after this ISO-8601 instant [default: now]",
            HelpName = "INSTANT",
        };
        var count = new Option<int>("--count")
        {
            Description = $"How many fires, 1..{MaxCount}",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("next", "Preview the fire times of a cron expression in a time zone (offline)")
        {
            expression, zone, from, count,
        };
        command.SetAction(parse =>
        {
            // Unquoted fields arrive as separate arguments; rejoining them is what the user meant.
            var text = string.Join(' ', parse.GetValue(expression)!);
            if (!CronExpressions.TryParse(text, out var cron, out var cronError))
            {
                throw new UsageException(cronError);
            }

            if (!TimeZones.TryResolve(parse.GetValue(zone), out var timeZone, out var zoneError))
            {
                throw new UsageException($"--tz: {zoneError}");
            }

            var start = context.Time.GetUtcNow();
            if (parse.GetValue(from) is { } fromText && !Instants.TryParse(fromText, out start, out var fromError))
            {
                throw new UsageException($"--from: {fromError}");
            }

            var n = parse.GetValue(count);
            if (n is < 1 or > MaxCount)
            {
                throw new UsageException($"--count must be between 1 and {MaxCount}, got {n}");
            }

            var printed = 0;
            foreach (var fire in new CronSchedule(cron, timeZone).Upcoming(start, n))
            {
                context.Out.WriteLine(Instants.Format(fire));
                printed++;
            }

            if (printed == 0)
            {
                context.Error.WriteLine($"'{text}' never fires after {Instants.Format(start)}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
