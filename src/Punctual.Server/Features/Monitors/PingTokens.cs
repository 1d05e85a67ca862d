using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Punctual.Server.Features.Monitors;

/// <summary>
/// Ping tokens: 192 random bits, URL-safe, unguessable. The store keeps only their SHA-256, so a leaked database
/// does not leak working ping URLs; the token is shown once, when made.
/// </summary>
public static partial class PingTokens
{
    [GeneratedRegex(@"^[A-Za-z0-9_-]{16,128}\z")]
    private static partial Regex Shape();

    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="text"/> could be a token at all (anything else is not looked up).</summary>
    public static bool LooksValid(string text) => Shape().IsMatch(text);
}
