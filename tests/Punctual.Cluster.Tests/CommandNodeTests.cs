using System.Text.Json;
using Punctual.Client;
using Punctual.Testing;

namespace Punctual.Cluster.Tests;

/// <summary>In a cluster, command jobs run only on the nodes started with --allow-commands; the others never touch them.</summary>
public sealed class CommandNodeTests
{
    [Fact]
    public async Task CommandRuns_GoOnlyToTheNodeThatAllowsCommands_HttpRunsToAny()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using var plain = await ServerProcess.StartOnStoreAsync(postgres.StoreUrl, Cluster.FastLeases);
        await using var runner = await ServerProcess.StartOnStoreAsync(postgres.StoreUrl, Cluster.FastLeases, ["--allow-commands"]);
        using var client = new PunctualClient(plain.BaseUrl, ServerProcess.AdminKey);
        using var definition = JsonDocument.Parse("""{ "name": "echo", "overlap": "allow", "target": { "command": ["/bin/sh", "-c", "echo ran"] } }""");
        await client.CreateJobAsync(definition.RootElement);

        var runs = new List<Run>();
        for (var i = 0; i < 6; i++)
        {
            runs.Add(await client.TriggerJobAsync("echo"));
        }

        foreach (var run in runs)
        {
            var done = await Eventually.UntilAsync(() => client.GetRunAsync(run.Id), r => r.State == "succeeded", $"run {run.Id} succeeded");
            var attempt = Assert.Single(done.Attempts!);
            Assert.Equal(runner.NodeId, attempt.Node);
            Assert.Equal("ran\n", attempt.ResponseExcerpt);
        }
    }
}
