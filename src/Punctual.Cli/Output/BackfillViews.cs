using System.Globalization;
using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>What <c>punctual backfill</c> prints: the result of the request, then a progress bar as the gate drains the range.</summary>
internal static class BackfillViews
{
    private const int BarWidth = 30;

    public static string Result(BackfillResult result)
    {
        var range = $"{Display.Instant(result.From)} .. {Display.Instant(result.To)}";
        var existing = result.Existing == 0 ? "" : $"; {Count(result.Existing)} already had a run";
        return result.DryRun
            ? $"Dry run: backfilling {result.Job} over {range} would create {Count(result.Created)} of {Count(result.Fires)} fires{existing}."
            : $"Backfill of {result.Job} over {range}: {Count(result.Fires)} fires, {Count(result.Created)} created{existing}.";
    }

    /// <summary>One line: <c>[#########.....]  60% 120/200 settled · 3 running · 77 waiting · 1 dead</c>.</summary>
    public static string Bar(BackfillProgress progress)
    {
        var fraction = progress.Fires == 0 ? 1.0 : (double)progress.Settled / progress.Fires;
        var filled = (int)Math.Round(fraction * BarWidth, MidpointRounding.ToZero);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var line = $"[{bar}] {fraction * 100,3:0}% {Count(progress.Settled)}/{Count(progress.Fires)} settled · {Count(progress.Running)} running · {Count(progress.Waiting)} waiting";
        return progress.Dead == 0 ? line : $"{line} · {Count(progress.Dead)} dead";
    }

    public static string Summary(BackfillProgress progress, TimeSpan took) =>
        $"Done in {Display.Duration((long)took.TotalMilliseconds)}: {Count(progress.Succeeded)} succeeded, {Count(progress.Dead)} dead, " +
        $"{Count(progress.Skipped)} skipped, {Count(progress.Cancelled)} cancelled.";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
