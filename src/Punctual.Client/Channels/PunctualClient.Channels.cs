namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /channels</c>: alert channels, by name.</summary>
    public async Task<IReadOnlyList<Channel>> ListChannelsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<ChannelList>("channels", cancellationToken).ConfigureAwait(false)).Items;

    /// <summary><c>GET /channels/{name}</c>.</summary>
    public Task<Channel> GetChannelAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync<Channel>($"channels/{Segment(name)}", cancellationToken);

    /// <summary><c>PUT /channels/{name}</c> with a definition in the config file's words (<c>{ type, url, … }</c>).</summary>
    public async Task<Channel> PutChannelAsync(string name, object definition, CancellationToken cancellationToken = default) =>
        (await SendAsync<Channel>(HttpMethod.Put, $"channels/{Segment(name)}", definition, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>DELETE /channels/{name}</c>; refused (409) while a job's alert names it.</summary>
    public Task DeleteChannelAsync(string name, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(HttpMethod.Delete, $"channels/{Segment(name)}", cancellationToken);

    /// <summary>
    /// <c>POST /channels/{name}/test</c>: sends a test message now. A message the channel did not take is a
    /// <see cref="PunctualApiException"/> with status 502 whose detail says why.
    /// </summary>
    public async Task<ChannelTestResult> TestChannelAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendAsync<ChannelTestResult>(HttpMethod.Post, $"channels/{Segment(name)}/test", null, cancellationToken).ConfigureAwait(false)).Value;

    private sealed record ChannelList(IReadOnlyList<Channel> Items);
}
