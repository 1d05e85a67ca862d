using System.Net.Http.Headers;
using System.Text;
using Punctual.Core.Channels;
using Punctual.Engine.Alerts;

namespace Punctual.Engine.Channels;

/// <summary>
/// Webhook and Slack channels: one POST of JSON. A webhook gets the generic event (<see cref="AlertMessage.ToJson"/>);
/// Slack gets <c>{"text": …}</c>, the incoming-webhook payload Slack, Mattermost and Rocket.Chat accept. 2xx is delivered.
/// </summary>
public sealed class WebhookSender(HttpClient client, ChannelType type, TimeSpan timeout, TimeProvider time) : IChannelSender
{
    public ChannelType Type => type;

    public async Task<string?> SendAsync(ChannelDefinition channel, AlertMessage message, Func<string, string?> secrets, CancellationToken cancellationToken)
    {
        if (!ChannelSecrets.TryResolve(channel.Url!, secrets, out var url, out var error))
        {
            return error;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "the channel's URL is not an absolute http(s) URL once resolved";
        }

        var body = type == ChannelType.Slack
            ? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = message.Text })
            : message.ToJson();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in channel.Headers)
        {
            if (!ChannelSecrets.TryResolve(value, secrets, out var resolved, out error))
            {
                return $"header '{name}': {error}";
            }

            request.Headers.TryAddWithoutValidation(name, resolved);
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} from {uri.Host}";
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"no answer from {uri.Host} within {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            return $"{uri.Host}: {e.HttpRequestError} ({e.Message})";
        }
    }
}
