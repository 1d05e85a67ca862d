using Punctual.Testing;
using Xunit.Abstractions;

namespace Punctual.Cluster.Tests;

/// <summary>SIGTERM: a node stops claiming, gives in-flight work a grace period, then releases it to the others.</summary>
public sealed class HandOverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SigTerm_ReleasesInFlightWork_AndAnotherNodeTakesItAtOnce()
    {
        // Leases far longer than the test: a prompt retry can only come from the release, not from lease expiry.
        await using var cluster = await Cluster.StartAsync(2, new Dictionary<string, string?>
        {
            ["PUNCTUAL_ENGINE__LeaseDuration"] = "00:05:00",
            ["PUNCTUAL_ENGINE__LeaseRenewInterval"] = "00:00:05",
            ["PUNCTUAL_ENGINE__ShutdownGrace"] = "00:00:01",
        }, output);
        var stuck = new TaskCompletionSource();
        cluster.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: stuck.Task));
        using (var document = System.Text.Json.JsonDocument.Parse($$"""
            { "jobs": { "long": { "target": { "url": "{{cluster.Sink.Url("long")}}" }, "timeout": "10m", "retry": { "attempts": 1 } } } }
            """))
        {
            await cluster.Clients[0].ApplyAsync(document.RootElement);
        }

        var runId = (await cluster.Clients[0].TriggerJobAsync("long")).Id;
        try
        {
            await cluster.Sink.WaitForAsync(1, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            output.WriteLine($"The run as the first attempt never arrived: {System.Text.Json.JsonSerializer.Serialize(await cluster.Clients[0].GetRunAsync(runId))}");
            throw;
        }

        var holder = (await cluster.Clients[0].GetRunAsync(runId)).LeaseOwner;
        var stopping = cluster.Nodes.Single(n => n.NodeId == holder);
        var other = cluster.Clients[cluster.Nodes.ToList().IndexOf(stopping) == 0 ? 1 : 0];

        Assert.Equal(0, await stopping.StopAsync());
        var run = await Eventually.UntilAsync(() => other.GetRunAsync(runId), r => r.State == "succeeded", "another node finished the released run");
        stuck.SetResult();

        Assert.Equal(["released", "succeeded"], run.Attempts!.Select(a => a.Outcome));
        Assert.NotEqual(holder, run.Attempts![1].Node);
        var requests = cluster.Sink.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
        var nodes = await other.ListNodesAsync();
        Assert.Equal("stopped", nodes.Single(n => n.Id == holder).Status);
    }
}
