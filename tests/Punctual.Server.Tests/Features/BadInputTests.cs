using System.Net;

namespace Punctual.Server.Tests.Features;

/// <summary>Every input a user can get wrong gets a clear problem naming the field, and changes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string, string> InvalidJobs => new()
    {
        { """{ "name": "j", "schedule": "61 * * * *", "target": { "url": "https://x.test/" } }""", "schedule", "not a valid cron" },
        { """{ "name": "j", "schedule": "* * *", "target": { "url": "https://x.test/" } }""", "schedule", "3 fields" },
        { """{ "name": "j", "schedule": "0 9 * * *", "timezone": "Mars/Olympus", "target": { "url": "https://x.test/" } }""", "timezone", "not a known IANA time zone" },
        { """{ "name": "j", "every": 30, "target": { "url": "https://x.test/" } }""", "every", "duration string" },
        { """{ "name": "j", "every": "10m", "at": "2026-05-01T00:00:00Z", "target": { "url": "https://x.test/" } }""", "at", "one schedule" },
        { """{ "name": "j", "at": "2026-05-01 10:00", "target": { "url": "https://x.test/" } }""", "at", "no offset" },
        { """{ "name": "j" }""", "target", "is required" },
        { """{ "name": "j", "target": { "url": "ftp://x.test/" } }""", "target.url", "http://" },
        { """{ "name": "j", "target": { "url": "https://user:pw@x.test/" } }""", "target.url", "credentials" },
        { """{ "name": "j", "target": { "url": "https://x.test/", "headers": { "Authorization": "Bearer abc" } } }""", "target.headers.Authorization", "${env:NAME}" },
        { """{ "name": "j", "target": { "url": "https://x.test/", "headers": { "X-A": "a\r\nX-B: b" } } }""", "target.headers.X-A", "control characters" },
        { """{ "name": "j", "target": { "url": "https://x.test/", "headers": { "Idempotency-Key": "mine" } } }""", "target.headers.Idempotency-Key", "set by Punctual" },
        { """{ "name": "j", "target": { "url": "https://x.test/", "body": "${BILLING}" } }""", "target.body", "${env:NAME}" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "retry": { "attempts": "five" } }""", "retry.attempts", "whole number" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "retry": { "attempts": 0 } }""", "retry.attempts", "between 1 and 100" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "retry": { "backoff": "10m..10s" } }""", "retry.backoff", "larger than maximum" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "overlap": "sometimes" }""", "overlap", "forbid, buffer_one, allow or replace" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "catch_up": "most" }""", "catch_up", "latest, all or skip" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "once_per": "fortnight" }""", "once_per", "day, week, month" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "timeout": "2h" }""", "timeout", "between" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "gate": "billing" }""", "gate", "no gate named 'billing'" },
        { """{ "name": "j", "target": { "url": "https://x.test/" }, "colour": "blue" }""", "colour", "not a known field" },
        { """{ "name": "../etc", "target": { "url": "https://x.test/" } }""", "name", "not a valid job name" },
        { """{ "name": "j", "name": "k", "target": { "url": "https://x.test/" } }""", "name", "more than once" },
        { """{ "name": "j", "target": { "command": [] } }""", "target.command", "must not be empty" },
        { """{ "name": "j", "target": { "command": ["ls"], "url": "https://x.test/" } }""", "target.command", "not both" },
        { """{ "name": "j", "target": { "command": ["ls"], "workdir": "reports" } }""", "target.workdir", "not an absolute path" },
        { """{ "name": "j", "target": { "command": ["ls"], "env": { "DB_PASSWORD": "hunter2" } } }""", "target.env.DB_PASSWORD", "${env:NAME}" },
        { """{ "name": "j", "target": { "command": "ls -l" } }""", "target.command", "expected a list" },
    };

    [Theory]
    [MemberData(nameof(InvalidJobs))]
    public async Task InvalidJob_Is422NamingTheField_AndStoresNothing(string body, string field, string reason)
    {
        var response = await _api.PostAsync("/api/v1/jobs", body);

        Assert.Contains(field, response.ErrorFields());
        Assert.Contains(reason, response.ErrorMessage(field), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SeveralProblems_AreAllReportedAtOnce()
    {
        var response = await _api.PostAsync("/api/v1/jobs", """{ "name": "j", "schedule": "bad", "timezone": "Nowhere/Land", "target": { "url": "nope" }, "retry": { "attempts": -1 } }""");

        Assert.Equal(["retry.attempts", "schedule", "target.url", "timezone"], response.ErrorFields().Order());
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is400()
    {
        (await _api.PostAsync("/api/v1/jobs", "{ not json")).Problem(HttpStatusCode.BadRequest);
        (await _api.PostAsync("/api/v1/jobs", "")).Problem(HttpStatusCode.BadRequest);
        (await _api.PostAsync("/api/v1/jobs", "[1, 2]")).Problem(HttpStatusCode.UnprocessableEntity);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task WrongContentType_Is400()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/jobs", "name: j", contentType: "application/yaml");

        response.Problem(HttpStatusCode.BadRequest);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task HugeBody_Is413()
    {
        var huge = $$"""{ "name": "j", "target": { "url": "https://x.test/", "body": "{{new string('x', 1_100_000)}}" } }""";

        (await _api.PostAsync("/api/v1/jobs", huge)).Problem(HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task BodyOver256KiB_Is422()
    {
        var big = $$"""{ "name": "j", "target": { "url": "https://x.test/", "body": "{{new string('x', 300_000)}}" } }""";

        Assert.Contains("target.body", (await _api.PostAsync("/api/v1/jobs", big)).ErrorFields());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task DeeplyNestedJson_IsRejected()
    {
        var deep = new string('[', 200) + new string(']', 200);

        (await _api.PostAsync("/api/v1/tasks", deep)).Problem(HttpStatusCode.BadRequest);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PutWithAMismatchedName_Is422()
    {
        var response = await _api.PutAsync("/api/v1/jobs/a", """{ "name": "b", "target": { "url": "https://x.test/" } }""");

        Assert.Equal(["name"], response.ErrorFields());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("/api/v1/runs?state=exploded")]
    [InlineData("/api/v1/runs?limit=0")]
    [InlineData("/api/v1/runs?limit=abc")]
    [InlineData("/api/v1/runs?cursor=-1")]
    [InlineData("/api/v1/runs?origin=cron")]
    [InlineData("/api/v1/runs/abc")]
    [InlineData("/api/v1/jobs?limit=100000")]
    public async Task MalformedQueries_Are400(string path)
    {
        (await _api.GetAsync(path)).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HostileStrings_AreRejectedOrStoredVerbatim_NeverExecuted()
    {
        var response = await _api.PostAsync("/api/v1/jobs", """{ "name": "robert'); DROP TABLE jobs;--", "target": { "url": "https://x.test/" } }""");
        Assert.Equal(["name"], response.ErrorFields());

        var created = await _api.PostAsync("/api/v1/jobs", """{ "name": "quoted", "description": "'; DROP TABLE jobs; -- <script>alert(1)</script>", "target": { "url": "https://x.test/?q='\";--" } }""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var stored = (await _api.GetAsync("/api/v1/jobs/quoted")).Json;
        Assert.Equal("'; DROP TABLE jobs; -- <script>alert(1)</script>", stored["description"]!.GetValue<string>());
        Assert.Single((await _api.GetAsync("/api/v1/jobs")).Json["items"]!.AsArray());
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty((await _api.GetAsync("/api/v1/jobs")).Json["items"]!.AsArray());
        Assert.Empty((await _api.GetAsync("/api/v1/runs")).Json["items"]!.AsArray());
    }
}
