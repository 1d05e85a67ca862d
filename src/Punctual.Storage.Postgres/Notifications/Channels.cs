using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Punctual.Storage.Postgres.Notifications;

/// <summary>
/// NOTIFY channel names, scoped per schema (<c>punctual_&lt;schema&gt;_&lt;topic&gt;</c>, as River scopes its hints),
/// so two deployments in one database — or tests in parallel schemas — never wake each other. PostgreSQL limits
/// a channel name to 63 bytes; a schema too long for that is replaced by a hash of it.
/// </summary>
internal static partial class Channels
{
    private const int MaxLength = 63;

    public static string Of(string schema, string topic)
    {
        if (!TopicName().IsMatch(topic))
        {
            throw new ArgumentException($"The hint topic '{topic}' is not valid: use 1 to 20 lower-case letters, digits and underscores.", nameof(topic));
        }

        var name = $"punctual_{schema}_{topic}";
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema)))[..16];
        return $"punctual_{hash}_{topic}";
    }

    [GeneratedRegex("^[a-z0-9_]{1,20}$")]
    private static partial Regex TopicName();
}
