using System.Text;
using System.Text.RegularExpressions;

namespace Punctual.Core.Targets;

/// <summary>
/// <c>${env:NAME}</c> references inside target text. They are resolved from the node's environment at
/// dispatch time; the stored text keeps the reference, so secrets never reach storage or logs.
/// </summary>
public static partial class SecretTemplate
{
    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^env:[A-Za-z_][A-Za-z0-9_]{0,127}\z")]
    private static partial Regex EnvReference();

    public static bool HasReference(string text) => text.Contains("${env:", StringComparison.Ordinal);

    /// <summary>Checks every <c>${…}</c> in <paramref name="text"/> is a well-formed <c>${env:NAME}</c>.</summary>
    public static bool TryValidate(string text, out string error)
    {
        error = "";
        foreach (Match match in Placeholder().Matches(text))
        {
            if (!EnvReference().IsMatch(match.Groups[1].Value))
            {
                error = $"'{match.Value}' is not a valid secret reference; write ${{env:NAME}} with NAME made of letters, digits and '_'";
                return false;
            }
        }

        // Every well-formed reference is checked above; a '${' left over once they are removed is never closed.
        if (Placeholder().Replace(text, "").Contains("${", StringComparison.Ordinal))
        {
            error = "an unclosed '${' ; write secret references as ${env:NAME}";
            return false;
        }

        return true;
    }

    /// <summary>Replaces each reference with the variable's value; fails naming the first variable that is not set.</summary>
    public static bool TryResolve(string text, Func<string, string?> environment, out string resolved, out string? missing)
    {
        missing = null;
        if (!HasReference(text))
        {
            resolved = text;
            return true;
        }

        var builder = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value["env:".Length..];
            var value = environment(name);
            if (value is null)
            {
                missing = name;
                resolved = "";
                return false;
            }

            builder.Append(text, last, match.Index - last).Append(value);
            last = match.Index + match.Length;
        }

        builder.Append(text, last, text.Length - last);
        resolved = builder.ToString();
        return true;
    }
}
