using System.Net;
using Punctual.Storage.Nodes;

namespace Punctual.Server.Tests.Features;

public sealed class NodeApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Nodes_ShowAliveStoppedAndLost_FromHeartbeats()
    {
        var now = _api.Time.GetUtcNow();
        await _api.Store.Nodes.HeartbeatAsync(new NodeHeartbeat("alive", "h1", "1.0", now, 3, now), CancellationToken.None);
        await _api.Store.Nodes.HeartbeatAsync(new NodeHeartbeat("stopped", "h2", "1.0", now.AddMinutes(-9), 0, now), CancellationToken.None);
        await _api.Store.Nodes.MarkStoppedAsync("stopped", now, CancellationToken.None);
        await _api.Store.Nodes.HeartbeatAsync(new NodeHeartbeat("lost", "h3", "1.0", now.AddMinutes(-10), 0, now.AddMinutes(-5)), CancellationToken.None);

        var response = await _api.GetAsync("/api/v1/nodes");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var nodes = response.Json["items"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!);
        Assert.Equal("alive", nodes["alive"]["status"]!.GetValue<string>());
        Assert.Equal(3, nodes["alive"]["in_flight"]!.GetValue<int>());
        Assert.Equal("stopped", nodes["stopped"]["status"]!.GetValue<string>());
        Assert.Equal("lost", nodes["lost"]["status"]!.GetValue<string>());
        (await _api.GetAsync("/api/v1/nodes", key: null)).Problem(HttpStatusCode.Unauthorized);
    }
}
