using Punctual.Core.Time;

namespace Punctual.Core.Monitors;

/// <summary>
/// The monitor state machine, decided from the newest pings and the clock (pure; the alerter and the API both ask it):
/// a failure is down at once; a start with no end within grace is down; otherwise the last success sets the next
/// expected ping — up before it, late after it, down once grace has passed too.
/// </summary>
public static class MonitorRules
{
    public static MonitorStatus Evaluate(MonitorDefinition monitor, MonitorFacts facts, DateTimeOffset now)
    {
        var ended = Latest(facts.LastSuccessAt, facts.LastFailAt);
        if (facts.LastFailAt is { } failed && failed == ended && (facts.LastStartAt is not { } s || s <= failed))
        {
            return new MonitorStatus(MonitorState.Down, null, $"reported a failure at {Instants.Format(failed)}");
        }

        if (facts.LastStartAt is { } started && (ended is not { } end || started > end))
        {
            var deadline = started + monitor.Grace;
            if (now > deadline)
            {
                return new MonitorStatus(MonitorState.Down, null, $"started at {Instants.Format(started)} and did not finish within grace ({Durations.Format(monitor.Grace)})");
            }

            // Running: a start is a sign of life; it must end within grace.
            return new MonitorStatus(facts.LastSuccessAt is null ? MonitorState.New : MonitorState.Up, deadline, $"running since {Instants.Format(started)}");
        }

        if (facts.LastSuccessAt is not { } success)
        {
            return new MonitorStatus(MonitorState.New, null, "no ping yet");
        }

        if (monitor.ExpectedAfter(success) is not { } expected)
        {
            return new MonitorStatus(MonitorState.Up, null, $"last ping at {Instants.Format(success)}; the schedule expects no more");
        }

        if (now <= expected)
        {
            return new MonitorStatus(MonitorState.Up, expected, $"last ping at {Instants.Format(success)}");
        }

        return now <= expected + monitor.Grace
            ? new MonitorStatus(MonitorState.Late, expected, $"expected a ping at {Instants.Format(expected)}; grace ends at {Instants.Format(expected + monitor.Grace)}")
            : new MonitorStatus(MonitorState.Down, expected, $"no ping since {Instants.Format(success)}; expected one at {Instants.Format(expected)}, grace {Durations.Format(monitor.Grace)} has passed");
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
