using System.Security.Cryptography;
using System.Text;

namespace Punctual.Server.Auth;

/// <summary>
/// API key tokens: <c>pk_</c> + 43 url-safe characters (256 random bits). Only their SHA-256 is stored — enough for
/// high-entropy secrets, and it lets a lookup be one indexed read. The prefix helps people tell keys apart.
/// </summary>
public static class ApiKeyTokens
{
    public const string Marker = "pk_";

    /// <summary>Shortest secret accepted as a bootstrap key (PUNCTUAL_ADMIN_KEY).</summary>
    public const int MinLength = 20;

    public static string Generate() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string Prefix(string token) => token.Length <= 10 ? token[..Math.Min(4, token.Length)] : token[..10];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
