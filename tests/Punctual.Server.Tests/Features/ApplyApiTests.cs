using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class ApplyApiTests : IAsyncLifetime
{
    private const string TwoJobs = """
        { "jobs": {
            "nightly": { "schedule": "0 2 * * *", "target": { "url": "https://x.test/nightly" } },
            "sync": { "every": "15m", "target": { "url": "https://x.test/sync" }, "timeout": "10s" } } }
        """;

    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task DryRun_ShowsThePlan_AndAppliesNothing()
    {
        var plan = (await _api.PostAsync("/api/v1/apply?dry_run=true", TwoJobs)).Json;

        Assert.False(plan["applied"]!.GetValue<bool>());
        Assert.Equal(2, plan["summary"]!["create"]!.GetValue<int>());
        Assert.Empty((await _api.GetAsync("/api/v1/jobs")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Apply_Creates_ThenIsUnchanged_ThenUpdatesNamingTheFields()
    {
        var first = (await _api.PostAsync("/api/v1/apply", TwoJobs)).Json;
        Assert.True(first["applied"]!.GetValue<bool>());
        Assert.Equal(2, (await _api.GetAsync("/api/v1/jobs")).Json["items"]!.AsArray().Count);

        var again = (await _api.PostAsync("/api/v1/apply", TwoJobs)).Json;
        Assert.Equal(2, again["summary"]!["unchanged"]!.GetValue<int>());
        Assert.False(again["applied"]!.GetValue<bool>());

        var changed = (await _api.PostAsync("/api/v1/apply", TwoJobs.Replace("\"10s\"", "\"20s\"", StringComparison.Ordinal).Replace("0 2 * * *", "0 3 * * *", StringComparison.Ordinal))).Json;
        var updates = changed["changes"]!.AsArray().Where(c => c!["action"]!.GetValue<string>() == "update").ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal(["schedule"], updates.Single(u => u!["name"]!.GetValue<string>() == "nightly")!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["timeout"], updates.Single(u => u!["name"]!.GetValue<string>() == "sync")!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Prune_DeletesJobsTheFileNoLongerNames_OnlyWhenAsked()
    {
        await _api.PostAsync("/api/v1/apply", TwoJobs);
        const string onlySync = """{ "jobs": { "sync": { "every": "15m", "target": { "url": "https://x.test/sync" }, "timeout": "10s" } } }""";

        var kept = (await _api.PostAsync("/api/v1/apply", onlySync)).Json;
        Assert.Equal(0, kept["summary"]!["delete"]!.GetValue<int>());
        Assert.Equal(2, (await _api.GetAsync("/api/v1/jobs")).Json["items"]!.AsArray().Count);

        var pruned = (await _api.PostAsync("/api/v1/apply?prune=true", onlySync)).Json;
        Assert.Equal(1, pruned["summary"]!["delete"]!.GetValue<int>());
        (await _api.GetAsync("/api/v1/jobs/nightly")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OneInvalidJob_RejectsTheWholeFile_NamingJobFieldAndReason()
    {
        const string document = """
            { "jobs": {
                "good": { "every": "1h", "target": { "url": "https://x.test/" } },
                "bad": { "schedule": "0 25 * * *", "target": { "url": "https://x.test/" } } } }
            """;

        var response = await _api.PostAsync("/api/v1/apply", document);

        Assert.Equal(["jobs.bad.schedule"], response.ErrorFields());
        Assert.Empty((await _api.GetAsync("/api/v1/jobs")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task UnsupportedSections_AreRejectedClearly()
    {
        var response = await _api.PostAsync("/api/v1/apply", """{ "monitor": {}, "jobs": {} }""");

        Assert.Equal(["monitor"], response.ErrorFields());
        (await _api.PostAsync("/api/v1/apply?dry_run=maybe", "{}")).Problem(HttpStatusCode.BadRequest);
    }
}
