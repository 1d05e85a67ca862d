using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Punctual.Server.Hosting;
using Punctual.Storage;
using Punctual.Storage.Sqlite;
using Punctual.Testing;

namespace Punctual.Server.Tests;

/// <summary>
/// The real server application on a loopback port over a real SQLite file, with the engine's loops off and a fake
/// clock, so API behaviour is tested through real HTTP without background work racing the assertions.
/// </summary>
public sealed class ApiHarness : IAsyncDisposable
{
    public const string AdminKey = "pk_test_admin_key_0123456789abcdef";

    private readonly TempDirectory _directory;
    private readonly WebApplication _app;

    private ApiHarness(TempDirectory directory, WebApplication app, IPunctualStore store, FakeTimeProvider time, HttpClient client)
    {
        _directory = directory;
        _app = app;
        Store = store;
        Time = time;
        Client = client;
    }

    public IPunctualStore Store { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public static async Task<ApiHarness> StartAsync()
    {
        var directory = new TempDirectory();
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = directory.File("punctual.db") }, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await BootstrapKey.EnsureAsync(store, AdminKey, TextWriter.Null, time, CancellationToken.None);
        var app = ServerApp.Build(new ServerHostOptions
        {
            Listen = "http://127.0.0.1:0",
            Store = store,
            Time = time,
            StartEngine = false,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        return new ApiHarness(directory, app, store, time, client);
    }

    public Task<Response> GetAsync(string path, string? key = AdminKey) => SendAsync(HttpMethod.Get, path, null, key);

    public Task<Response> PostAsync(string path, string? json, string? key = AdminKey) => SendAsync(HttpMethod.Post, path, json, key);

    public Task<Response> PutAsync(string path, string json, string? key = AdminKey) => SendAsync(HttpMethod.Put, path, json, key);

    public Task<Response> DeleteAsync(string path, string? key = AdminKey) => SendAsync(HttpMethod.Delete, path, null, key);

    public async Task<Response> SendAsync(HttpMethod method, string path, string? json, string? key = AdminKey, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Response(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public async Task<string> CreateKeyAsync(string scope)
    {
        var created = await PostAsync("/api/v1/keys", $$"""{ "scope": "{{scope}}" }""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Json["key"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        _directory.Dispose();
    }

    public sealed record Response(HttpStatusCode Status, string? ContentType, string Body)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;

        /// <summary>Asserts an RFC 9457 problem with this status, and returns it.</summary>
        public JsonNode Problem(HttpStatusCode expected)
        {
            Assert.True(expected == Status, $"expected {expected}, got {Status}: {Body}");
            Assert.Equal("application/problem+json", ContentType);
            var problem = Json;
            Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
            Assert.StartsWith("https://punctual.dev/problems/", problem["type"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
            return problem;
        }

        /// <summary>The fields named by an invalid-input problem.</summary>
        public IReadOnlyList<string> ErrorFields(HttpStatusCode expected = HttpStatusCode.UnprocessableEntity) =>
            Problem(expected)["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();

        public string ErrorMessage(string field) =>
            Json["errors"]!.AsArray().First(e => e!["field"]!.GetValue<string>() == field)!["message"]!.GetValue<string>();
    }
}

internal static class JsonText
{
    public static string Of(object value) => JsonSerializer.Serialize(value);
}
