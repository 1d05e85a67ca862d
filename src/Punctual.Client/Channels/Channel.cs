namespace Punctual.Client;

/// <summary>
/// An alert channel (<c>GET /channels</c>). Secrets show as the <c>${env:NAME}</c> references they were declared with.
/// <see cref="Url"/> and <see cref="Headers"/> are for webhook and Slack channels; the SMTP fields for e-mail ones.
/// </summary>
public sealed record Channel
{
    public string Name { get; init; } = "";

    /// <summary><c>webhook</c>, <c>slack</c> or <c>email</c>.</summary>
    public string Type { get; init; } = "";

    public string? Url { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary><c>starttls</c>, <c>tls</c> or <c>none</c>.</summary>
    public string? Tls { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? From { get; init; }

    public IReadOnlyList<string>? To { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The answer to a channel test: the message was delivered.</summary>
public sealed record ChannelTestResult(string Channel, bool Delivered);
