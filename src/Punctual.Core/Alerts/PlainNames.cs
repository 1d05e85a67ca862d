using System.Text.RegularExpressions;

namespace Punctual.Core.Alerts;

/// <summary>Channel and monitor names appear in URLs, config keys and alerts, so they are plain (like job names).</summary>
public static partial class PlainNames
{
    public const int MaxLength = 100;

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex Shape();

    /// <summary>Checks <paramref name="name"/>; <paramref name="kind"/> ("channel", "monitor") names it in the error.</summary>
    public static bool TryValidate(string kind, string? name, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(name))
        {
            error = $"a {kind} needs a name";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"a {kind} name is at most {MaxLength} characters";
            return false;
        }

        if (!Shape().IsMatch(name))
        {
            var shown = name.Length <= 40 ? name : name[..40] + "…";
            error = $"'{shown}' is not a valid {kind} name; use letters, digits, '.', '_' and '-', starting with a letter or digit";
            return false;
        }

        return true;
    }
}
