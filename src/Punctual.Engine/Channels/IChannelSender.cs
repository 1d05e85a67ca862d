using Punctual.Core.Channels;
using Punctual.Engine.Alerts;

namespace Punctual.Engine.Channels;

/// <summary>Sends one message through one type of channel. Returns null when delivered, else what went wrong (no secrets in it).</summary>
public interface IChannelSender
{
    ChannelType Type { get; }

    Task<string?> SendAsync(ChannelDefinition channel, AlertMessage message, Func<string, string?> secrets, CancellationToken cancellationToken);
}
