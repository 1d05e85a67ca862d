using Punctual.Core.Channels;
using Punctual.Core.Definitions;
using Punctual.Engine.Alerts;
using Punctual.Engine.Targets;

namespace Punctual.Engine.Channels;

/// <summary>Sends a message through a stored channel, by its type, resolving its secrets from this node's environment.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders, SecretSource secrets)
{
    private readonly Dictionary<ChannelType, IChannelSender> _byType = senders.ToDictionary(s => s.Type);

    /// <summary>Null when delivered, else the reason it was not (never a secret).</summary>
    public Task<string?> SendAsync(string channelSpecJson, AlertMessage message, CancellationToken cancellationToken)
    {
        var channel = ChannelDefinitionWriter.FromJson(channelSpecJson);
        return _byType[channel.Type].SendAsync(channel, message, secrets.Get, cancellationToken);
    }

    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each send has its own timeout, on the injected clock
        };
}
