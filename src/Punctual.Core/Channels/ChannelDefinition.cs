namespace Punctual.Core.Channels;

/// <summary>Where alerts go.</summary>
public enum ChannelType
{
    /// <summary>A JSON event POSTed to any URL.</summary>
    Webhook,

    /// <summary>A Slack-compatible incoming-webhook payload (<c>{"text": …}</c>), also understood by Mattermost and others.</summary>
    Slack,

    /// <summary>An e-mail sent through an SMTP server.</summary>
    Email,
}

/// <summary>How the SMTP connection is secured: <c>starttls</c> (default; upgrade after connecting), <c>tls</c> (from the first byte), <c>none</c>.</summary>
public enum SmtpSecurity
{
    StartTls,
    Tls,
    None,
}

/// <summary>The SMTP settings of an e-mail channel. <see cref="Password"/> is always a <c>${env:NAME}</c> reference.</summary>
public sealed record EmailSettings(
    string Host,
    int Port,
    SmtpSecurity Security,
    string? Username,
    string? Password,
    string From,
    IReadOnlyList<string> To);

/// <summary>
/// A channel as declared (config file or API), normalized. Texts keep their <c>${env:NAME}</c> references: they are
/// resolved by the node that sends, at each send, so secrets are never stored or returned.
/// <see cref="Url"/> and <see cref="Headers"/> are for webhook and Slack channels, <see cref="Email"/> for e-mail ones.
/// </summary>
public sealed record ChannelDefinition(
    string Name,
    ChannelType Type,
    string? Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    EmailSettings? Email)
{
    public static string TypeText(ChannelType type) => type switch
    {
        ChannelType.Webhook => "webhook",
        ChannelType.Slack => "slack",
        ChannelType.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string SecurityText(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => "starttls",
        SmtpSecurity.Tls => "tls",
        SmtpSecurity.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
