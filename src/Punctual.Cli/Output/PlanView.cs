using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>
/// The plan of an apply, one line per change, then a summary and the outcome:
/// <code>
/// + create  job nightly
/// ~ update  job invoices (schedule, timeout)
/// - delete  job old
/// = unchanged job sync
/// Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged.
/// Applied.
/// </code>
/// </summary>
internal static class PlanView
{
    public static void Write(TextWriter output, ApplyResult result)
    {
        foreach (var change in result.Changes)
        {
            var fields = change.Action == "update" && change.Fields.Count > 0 ? $" ({string.Join(", ", change.Fields)})" : "";
            output.WriteLine($"{Symbol(change.Action)} {change.Action,-7} {change.Kind} {change.Name}{fields}");
        }

        var summary = result.Summary;
        output.WriteLine($"Plan: {summary.Create} to create, {summary.Update} to update, {summary.Delete} to delete, {summary.Unchanged} unchanged.");
        output.WriteLine(result.DryRun ? "Dry run: nothing applied." : result.Applied ? "Applied." : "Nothing to apply.");
        foreach (var (monitor, token) in (result.MonitorTokens ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"monitor {monitor}: ping URL path /ping/{token} (shown once; 'punctual monitors token {monitor}' makes a new one)");
        }
    }

    private static char Symbol(string action) => action switch
    {
        "create" => '+',
        "update" => '~',
        "delete" => '-',
        "unchanged" => '=',
        _ => '?',
    };
}
