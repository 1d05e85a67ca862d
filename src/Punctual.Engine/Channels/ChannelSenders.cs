using Punctual.Core.Channels;
using Punctual.Core.Definitions;
using Punctual.Engine.Alerts;
using Punctual.Engine.Targets;

namespace Punctual.Engine.Channels;

/// <summary>Sends a message through a stored channel, by its type, resolving its secrets from this node's environment.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders, SecretSource secrets)
{
    private readonly Dictionary<ChannelType, IChannelSender> _byType = senders.ToDictionary(s => s.Type);

    /// <summary>
    /// Null when delivered, else the reason it was not (never a secret). A sender's unexpected exception is a failed
    /// send too (named by its type), so one bad message never stops the others.
    /// </summary>
    public async Task<string?> SendAsync(string channelSpecJson, AlertMessage message, CancellationToken cancellationToken)
    {
        var channel = ChannelDefinitionWriter.FromJson(channelSpecJson);
        try
        {
            return await _byType[channel.Type].SendAsync(channel, message, secrets.Get, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{ChannelDefinition.TypeText(channel.Type)} channel failed: {e.GetType().Name}: {e.Message}";
        }
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
