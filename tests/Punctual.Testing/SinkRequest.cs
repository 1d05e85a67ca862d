using System.Collections.Immutable;

namespace Punctual.Testing;

/// <summary>One request the sink received: arrival time (wall clock of the sink), method, path, headers, body.</summary>
public sealed record SinkRequest(
    DateTimeOffset ArrivedAt,
    string Method,
    string Path,
    ImmutableDictionary<string, string> Headers,
    string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string? IdempotencyKey => Header("Idempotency-Key");

    public int Attempt => int.Parse(Header("Punctual-Attempt") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How the sink answers one request: status, optional headers and body, and an optional hold until released.</summary>
public sealed record SinkResponse(int Status, IReadOnlyDictionary<string, string>? Headers = null, string Body = "", Task? HoldUntil = null)
{
    public static readonly SinkResponse Ok = new(200, Body: "ok");
}
