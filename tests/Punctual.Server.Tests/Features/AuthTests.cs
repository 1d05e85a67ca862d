using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class AuthTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/v1/jobs")]
    [InlineData("POST", "/api/v1/tasks")]
    [InlineData("GET", "/api/v1/runs/1")]
    [InlineData("POST", "/api/v1/apply")]
    [InlineData("GET", "/api/v1/keys")]
    [InlineData("GET", "/api/v1/no-such-endpoint")]
    public async Task EveryApiCall_WithoutAKey_Is401(string method, string path)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null, key: null);

        response.Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownKey_Is401()
    {
        var response = await _api.GetAsync("/api/v1/jobs", key: "pk_not_a_real_key_at_all_000000000");

        Assert.Contains("not valid", response.Problem(HttpStatusCode.Unauthorized)["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task AReadKey_CanRead_ButNotWrite_AndNotManageKeys()
    {
        var read = await _api.CreateKeyAsync("read");

        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/api/v1/jobs", read)).Status);
        var write = await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "http://127.0.0.1:9/" } }""", read);
        Assert.Contains("'write'", write.Problem(HttpStatusCode.Forbidden)["detail"]!.GetValue<string>());
        (await _api.GetAsync("/api/v1/keys", read)).Problem(HttpStatusCode.Forbidden);
        Assert.Empty((await _api.GetAsync("/api/v1/runs")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task AWriteKey_CanWrite_ButNotManageKeys()
    {
        var write = await _api.CreateKeyAsync("write");

        Assert.Equal(HttpStatusCode.Created, (await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "http://127.0.0.1:9/" } }""", write)).Status);
        (await _api.PostAsync("/api/v1/keys", """{ "scope": "admin" }""", write)).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARevokedKey_StopsWorking()
    {
        var read = await _api.CreateKeyAsync("read");
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/api/v1/jobs", read)).Status);
        var keys = (await _api.GetAsync("/api/v1/keys")).Json["items"]!.AsArray();
        var id = keys.Last()!["id"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/v1/keys/{id}")).Status);
        _api.Time.Advance(TimeSpan.FromSeconds(6)); // past the key cache

        (await _api.GetAsync("/api/v1/jobs", read)).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeysAreStoredHashed_AndShownOnlyAtCreation()
    {
        var key = await _api.CreateKeyAsync("read");

        var listed = (await _api.GetAsync("/api/v1/keys")).Body;
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain(ApiHarness.AdminKey, listed);
        var stored = await _api.Store.ApiKeys.ListAsync(CancellationToken.None);
        Assert.DoesNotContain(stored, k => k.Hash.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatingAKey_WithABadScope_NamesTheField()
    {
        var response = await _api.PostAsync("/api/v1/keys", """{ "scope": "root", "colour": "blue" }""");

        Assert.Equal(["colour", "scope"], response.ErrorFields().Order());
    }

    [Fact]
    public async Task HealthAndOpenApi_NeedNoKey()
    {
        var health = await _api.GetAsync("/healthz", key: null);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ok", health.Json["status"]!.GetValue<string>());

        var openApi = await _api.GetAsync("/openapi/v1.json", key: null);
        Assert.Equal(HttpStatusCode.OK, openApi.Status);
        var paths = openApi.Json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/jobs/{name}/trigger", paths);
        Assert.Contains("/api/v1/tasks", paths);
        Assert.Contains("/api/v1/runs/{id}/retry", paths);
        Assert.Contains("/api/v1/apply", paths);
    }
}
