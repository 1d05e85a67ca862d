using System.Net;

namespace Punctual.Server.Tests.Features;

/// <summary>A gate's backlog alert block through the API: validated like a job's, stored with the gate, planned by apply.</summary>
public sealed class GateAlertApiTests : IAsyncLifetime
{
    private const string Ops = """{ "type": "webhook", "url": "http://127.0.0.1:9/alerts" }""";

    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Put_StoresTheAlertBlock_AndTheGateShowsIt()
    {
        await _api.PutAsync("/api/v1/channels/ops", Ops);

        var created = await _api.PutAsync("/api/v1/gates/billing", """{ "rate": "5/s", "alert": { "backlog_above": 1000, "for": "5m", "channels": ["ops"], "repeat": "4h" } }""");
        var read = (await _api.GetAsync("/api/v1/gates/billing")).Json;
        var listed = (await _api.GetAsync("/api/v1/gates")).Json["items"]!.AsArray().Single()!;

        Assert.Equal(HttpStatusCode.Created, created.Status);
        foreach (var gate in new[] { created.Json, read, listed })
        {
            var alert = gate["alert"]!;
            Assert.Equal((1000, "5m", "ops", "4h"), (alert["backlog_above"]!.GetValue<int>(), alert["for"]!.GetValue<string>(), alert["channels"]![0]!.GetValue<string>(), alert["repeat"]!.GetValue<string>()));
        }

        var replaced = (await _api.PutAsync("/api/v1/gates/billing", """{ "rate": "5/s" }""")).Json;
        Assert.Null(replaced["alert"]);
    }

    [Fact]
    public async Task Put_NamingAnUnknownChannel_Is422_AndNothingIsWritten()
    {
        var created = await _api.PutAsync("/api/v1/gates/billing", """{ "rate": "5/s", "alert": { "backlog_above": 10, "channels": ["nope"] } }""");
        await _api.PutAsync("/api/v1/gates/kept", """{ "rate": "5/s" }""");
        var replaced = await _api.PutAsync("/api/v1/gates/kept", """{ "rate": "9/s", "alert": { "backlog_above": 10, "channels": ["nope"] } }""");

        Assert.Equal(["alert.channels[0]"], created.ErrorFields());
        Assert.Contains("no channel named 'nope'", created.ErrorMessage("alert.channels[0]"), StringComparison.Ordinal);
        Assert.Equal(["alert.channels[0]"], replaced.ErrorFields());
        (await _api.GetAsync("/api/v1/gates/billing")).Problem(HttpStatusCode.NotFound);
        var kept = (await _api.GetAsync("/api/v1/gates/kept")).Json;
        Assert.Equal("5/s", kept["rate"]!.GetValue<string>());
        Assert.Null(kept["alert"]);
    }

    [Theory]
    [InlineData("""{ "rate": "5/s", "alert": { "backlog_above": 0, "channels": ["ops"] } }""", "alert.backlog_above")]
    [InlineData("""{ "rate": "5/s", "alert": { "backlog_above": 10000001, "channels": ["ops"] } }""", "alert.backlog_above")]
    [InlineData("""{ "rate": "5/s", "alert": { "channels": ["ops"] } }""", "alert.backlog_above")]
    [InlineData("""{ "rate": "5/s", "alert": { "backlog_above": 10 } }""", "alert.channels")]
    [InlineData("""{ "rate": "5/s", "alert": { "backlog_above": 10, "channels": ["ops"], "for": "-1m" } }""", "alert.for")]
    [InlineData("""{ "rate": "5/s", "alert": { "backlog_above": 10, "channels": ["ops"], "on": ["dead"] } }""", "alert.on")]
    public async Task BadAlertBlocks_Are422NamingTheField_AndStoreNothing(string body, string field)
    {
        await _api.PutAsync("/api/v1/channels/ops", Ops);

        Assert.Equal([field], (await _api.PutAsync("/api/v1/gates/g", body)).ErrorFields());
        (await _api.GetAsync("/api/v1/gates/g")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Apply_ValidatesTheBlockWithItsPath_AndWritesNothing()
    {
        var badValue = await _api.PostAsync("/api/v1/apply", """{ "gates": { "billing": { "rate": "5/s", "alert": { "backlog_above": 0, "channels": ["ops"] } } } }""");
        var unknownChannel = await _api.PostAsync("/api/v1/apply", """{ "gates": { "billing": { "rate": "5/s", "alert": { "backlog_above": 10, "channels": ["ops"] } } } }""");

        Assert.Equal(["gates.billing.alert.backlog_above"], badValue.ErrorFields());
        Assert.Contains("must be between 1 and 10000000", badValue.ErrorMessage("gates.billing.alert.backlog_above"), StringComparison.Ordinal);
        Assert.Equal(["gates.billing.alert.channels[0]"], unknownChannel.ErrorFields());
        (await _api.GetAsync("/api/v1/gates/billing")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Apply_PlansAnAlertChangeAsAnUpdateOfTheGate_AndAChannelAGateNamesCannotBeDeleted()
    {
        const string Channels = """ "channels": { "ops": { "type": "webhook", "url": "http://127.0.0.1:9/alerts" } } """;
        var created = (await _api.PostAsync("/api/v1/apply", $$"""{ {{Channels}}, "gates": { "billing": { "rate": "5/s", "alert": { "backlog_above": 10, "channels": ["ops"] } } } }""")).Json;
        var same = (await _api.PostAsync("/api/v1/apply?dry_run=true", $$"""{ {{Channels}}, "gates": { "billing": { "rate": "5/s", "alert": { "backlog_above": 10, "channels": ["ops"], "for": "0s" } } } }""")).Json;
        var changed = (await _api.PostAsync("/api/v1/apply?dry_run=true", $$"""{ {{Channels}}, "gates": { "billing": { "rate": "5/s", "alert": { "backlog_above": 20, "channels": ["ops"] } } } }""")).Json;
        var removed = (await _api.PostAsync("/api/v1/apply?dry_run=true", $$"""{ {{Channels}}, "gates": { "billing": { "rate": "5/s" } } }""")).Json;
        var delete = await _api.DeleteAsync("/api/v1/channels/ops");

        Assert.True(created["applied"]!.GetValue<bool>());
        Assert.Equal("unchanged", Gate(same)["action"]!.GetValue<string>());
        Assert.Equal(("update", "alert"), (Gate(changed)["action"]!.GetValue<string>(), Gate(changed)["fields"]![0]!.GetValue<string>()));
        Assert.Equal(("update", "alert"), (Gate(removed)["action"]!.GetValue<string>(), Gate(removed)["fields"]![0]!.GetValue<string>()));
        Assert.Equal(10, (await _api.GetAsync("/api/v1/gates/billing")).Json["alert"]!["backlog_above"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, delete.Status);
        Assert.Contains("gate 'billing'", delete.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonNode Gate(System.Text.Json.Nodes.JsonNode plan) =>
        plan["changes"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "gate")!;
}
