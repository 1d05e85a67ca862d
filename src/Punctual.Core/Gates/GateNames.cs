using System.Text.RegularExpressions;

namespace Punctual.Core.Gates;

/// <summary>
/// Gate names. A named gate is declared by its owner (config file or API) and named like a job. Every other HTTP
/// target goes through its host's default gate, named <c>host:&lt;host&gt;[:port]</c> (lower case; the port only when
/// it is not the scheme's default), so no endpoint is unprotected. The <c>host:</c> prefix is reserved.
/// </summary>
public static partial class GateNames
{
    public const int MaxLength = 100;

    public const string HostPrefix = "host:";

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex Shape();

    public static bool IsHostGate(string name) => name.StartsWith(HostPrefix, StringComparison.Ordinal);

    /// <summary>The gate a target's attempts go through: the named one, else its host's default gate.</summary>
    public static string For(string? namedGate, string url) => namedGate ?? ForHost(url);

    /// <summary>
    /// The host's default gate of a target URL. A URL whose authority holds a secret reference (<c>${env:…}</c>)
    /// is not a parsable URI until dispatch; its authority text, reference included, names the gate then.
    /// </summary>
    public static string ForHost(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IdnHost.Length > 0)
        {
            return HostPrefix + (uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}").ToLowerInvariant();
        }

        var start = url.IndexOf("://", StringComparison.Ordinal);
        var authority = start < 0 ? url : url[(start + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        authority = end < 0 ? authority : authority[..end];
        var at = authority.LastIndexOf('@');
        return HostPrefix + (at < 0 ? authority : authority[(at + 1)..]).ToLowerInvariant();
    }

    /// <summary>Validates a gate name a user gave (to declare a gate, or to name one on a job or task).</summary>
    public static bool TryValidate(string? name, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(name))
        {
            error = "a gate needs a name";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"a gate name is at most {MaxLength} characters";
            return false;
        }

        if (!Shape().IsMatch(name))
        {
            error = IsHostGate(name)
                ? $"'{Truncate(name)}' is a host's default gate; those are not declared or named, they apply by themselves"
                : $"'{Truncate(name)}' is not a valid gate name; use letters, digits, '.', '_' and '-', starting with a letter or digit";
            return false;
        }

        return true;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
