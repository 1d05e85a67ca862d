using System.Text.RegularExpressions;

namespace Punctual.Core.Jobs;

/// <summary>Job names appear in URLs, idempotency keys and metrics labels, so they are plain.</summary>
public static partial class JobNames
{
    public const int MaxLength = 100;

    // \z, not $: $ also matches before a final newline, which would let "name\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex Shape();

    public static bool TryValidate(string? name, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(name))
        {
            error = "a job needs a name";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"a job name is at most {MaxLength} characters";
            return false;
        }

        if (!Shape().IsMatch(name))
        {
            error = $"'{Truncate(name)}' is not a valid job name; use letters, digits, '.', '_' and '-', starting with a letter or digit";
            return false;
        }

        return true;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
