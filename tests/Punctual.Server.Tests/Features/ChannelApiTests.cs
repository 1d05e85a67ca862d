using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class ChannelApiTests : IAsyncLifetime
{
    private const string Job = """{ "target": { "url": "http://127.0.0.1:9/x" }, "alert": { "on": ["dead"], "channels": ["ops"] } }""";

    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Put_Creates_ThenReplaces_AndNeverShowsAResolvedSecret()
    {
        var created = await _api.PutAsync("/api/v1/channels/ops", """{ "type": "slack", "url": "${env:OPS_SLACK_WEBHOOK}" }""");
        var replaced = await _api.PutAsync("/api/v1/channels/ops", """{ "type": "email", "host": "smtp.example.com", "from": "a@example.com", "to": ["b@example.com"], "username": "a", "password": "${env:SMTP_PASSWORD}" }""");
        var listed = (await _api.GetAsync("/api/v1/channels")).Json["items"]!.AsArray();

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("${env:OPS_SLACK_WEBHOOK}", created.Json["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        var channel = Assert.Single(listed)!;
        Assert.Equal(("email", "${env:SMTP_PASSWORD}", 587), (channel["type"]!.GetValue<string>(), channel["password"]!.GetValue<string>(), channel["port"]!.GetValue<int>()));
    }

    [Fact]
    public async Task BadInput_Is422_AndStoresNothing()
    {
        var badEmail = await _api.PutAsync("/api/v1/channels/ops", """{ "type": "email", "host": "smtp.example.com", "from": "a@example.com", "to": ["not-an-address"] }""");
        var literalPassword = await _api.PutAsync("/api/v1/channels/ops", """{ "type": "email", "host": "smtp.example.com", "from": "a@example.com", "to": ["b@example.com"], "username": "u", "password": "hunter2" }""");

        Assert.Equal(["to[0]"], badEmail.ErrorFields());
        Assert.Equal(["password"], literalPassword.ErrorFields());
        Assert.DoesNotContain("hunter2", literalPassword.Body);
        Assert.Empty(await _api.Store.Alerts.ListChannelsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AJobNamingAnUnknownChannel_Is422_AndNothingIsWritten()
    {
        var created = await _api.PutAsync("/api/v1/jobs/billing", Job);
        var applied = await _api.PostAsync("/api/v1/apply", $$"""{ "jobs": { "billing": {{Job}} } }""");

        Assert.Equal(["alert.channels[0]"], created.ErrorFields());
        Assert.Equal(["jobs.billing.alert.channels[0]"], applied.ErrorFields());
        Assert.Null(await _api.Store.Jobs.GetAsync("billing", CancellationToken.None));
    }

    [Fact]
    public async Task Apply_CreatesChannelsAndTheJobsNamingThem_AndAChannelInUseCannotBeDeleted()
    {
        var applied = await _api.PostAsync("/api/v1/apply", $$"""{ "channels": { "ops": { "type": "webhook", "url": "http://127.0.0.1:9/alerts" } }, "jobs": { "billing": {{Job}} } }""");
        var again = await _api.PostAsync("/api/v1/apply", $$"""{ "channels": { "ops": { "type": "webhook", "url": "http://127.0.0.1:9/alerts2" } }, "jobs": { "billing": {{Job}} } }""");
        var delete = await _api.DeleteAsync("/api/v1/channels/ops");
        var missing = await _api.DeleteAsync("/api/v1/channels/nope");
        var test = await _api.PostAsync("/api/v1/channels/nope/test", null);

        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Contains("\"kind\":\"channel\"", again.Body);
        Assert.Contains("\"fields\":[\"url\"]", again.Body);
        Assert.Equal(HttpStatusCode.Conflict, delete.Status);
        Assert.Contains("billing", delete.Body);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(HttpStatusCode.NotFound, test.Status);
        Assert.NotNull(await _api.Store.Alerts.GetChannelAsync("ops", CancellationToken.None));
    }

    [Fact]
    public async Task Incidents_BadQuery_Is400()
    {
        (await _api.GetAsync("/api/v1/incidents?state=closedish")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/api/v1/incidents?state=open")).Status);
    }
}
