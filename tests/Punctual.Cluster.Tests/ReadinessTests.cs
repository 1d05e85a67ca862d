using System.Net;
using Punctual.Testing;

namespace Punctual.Cluster.Tests;

/// <summary>/readyz follows the node's link to its database: not ready while PostgreSQL cannot be reached, ready again after.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_Is503_WhileTheStoreIsUnreachable_AndReadyAgainOnceItIsBack()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        var direct = new Uri(postgres.StoreUrl);
        await using var link = TcpForwarder.Start(direct.Host, direct.Port);
        var store = new UriBuilder(direct) { Port = link.Port }.Uri.ToString();
        await using var node = await ServerProcess.StartOnStoreAsync(store);
        using var http = new HttpClient { BaseAddress = node.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("readyz")).StatusCode);

        link.Cut();
        var down = await Eventually.UntilAsync(() => http.GetAsync("readyz"), r => r.StatusCode != HttpStatusCode.OK, "the node reports not ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("unavailable", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode); // alive, just not ready

        link.Restore();
        await Eventually.UntilAsync(() => http.GetAsync("readyz"), r => r.StatusCode == HttpStatusCode.OK, "the node is ready again");
    }
}
