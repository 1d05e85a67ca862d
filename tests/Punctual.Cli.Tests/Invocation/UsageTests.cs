using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Invocation;

public sealed class UsageTests
{
    [Fact]
    public async Task MissingKey_IsAUsageError_BeforeAnyRequest()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs", 200, Payloads.Page(null)));

        var result = await CliRun.RunAsync("jobs", "--url", server.Url.ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no API key: pass --key KEY or set PUNCTUAL_KEY", result.ErrorLines.Single());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task UrlAndKey_ComeFromTheEnvironment()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs", 200, Payloads.Page(null)));
        var environment = new TestEnvironment(new Dictionary<string, string> { ["PUNCTUAL_URL"] = server.Url.ToString(), ["PUNCTUAL_KEY"] = "pk_env" });

        var result = await CliRun.RunAsync(environment, null, "jobs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer pk_env", server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task KeyOption_WinsOverTheEnvironment()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs", 200, Payloads.Page(null)));
        var environment = new TestEnvironment(new Dictionary<string, string> { ["PUNCTUAL_KEY"] = "pk_env" });

        await CliRun.RunAsync(environment, null, "jobs", "--url", server.Url.ToString(), "--key", "pk_option");

        Assert.Equal("Bearer pk_option", server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task ConnectionOptions_WorkBeforeTheSubcommandToo()
    {
        await using var server = await StubServer.StartAsync(r => r.Json("GET /api/v1/jobs/nightly", 200, Payloads.Nightly));

        var result = await CliRun.RunAsync("jobs", "--url", server.Url.ToString(), "--key", "k", "show", "nightly");

        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("jobs", "--bogus")]
    [InlineData("bogus")]
    [InlineData("runs", "--state", "sleeping", "--key", "k")]
    [InlineData("runs", "show", "forty-two", "--key", "k")]
    [InlineData("apply", "--key", "k")]
    [InlineData("keys", "create", "--scope", "root", "--key", "k")]
    [InlineData("jobs", "--output", "yaml", "--key", "k")]
    [InlineData("trigger")]
    public async Task BadArguments_AreUsageErrors(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_NamesIt()
    {
        var result = await CliRun.RunAsync("jobs", "--bogus");

        Assert.Equal(["error: Unrecognized command or argument '--bogus'.", "Run 'punctual jobs --help' for usage."], result.ErrorLines);
    }

    [Theory]
    [InlineData("--url", "ftp://example.test", "'ftp://example.test' is not an http(s) URL")]
    [InlineData("--url", "not a url", "is not an http(s) URL")]
    [InlineData("--timeout", "soon", "--timeout: ")]
    [InlineData("--timeout", "0s", "--timeout: must be longer than zero")]
    public async Task BadConnectionSettings_AreUsageErrors(string option, string value, string message)
    {
        var result = await CliRun.RunAsync("jobs", "--key", "k", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task RunsLimitOutOfRange_IsAUsageError(string limit)
    {
        var result = await CliRun.RunAsync("runs", "--limit", limit, "--key", "k");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit must be between 1 and 1000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerBodyThatIsNotJson_IsAUsageError()
    {
        var result = await CliRun.RunAsync("trigger", "nightly", "--body", "{oops", "--key", "k");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --body is not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsCommandsAndExitCodes()
    {
        var result = await CliRun.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "serve", "apply", "jobs", "runs", "trigger", "pause", "resume", "next", "keys" })
        {
            Assert.Contains($"  {command}", result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes:", result.Out, StringComparison.Ordinal);
        Assert.Contains("3  the server is unreachable or did not answer in time", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NeverPrintsTheKeyFromTheEnvironment()
    {
        var environment = new TestEnvironment(new Dictionary<string, string> { ["PUNCTUAL_KEY"] = "pk_secret" });

        var result = await CliRun.RunAsync(environment, null, "jobs", "--help");

        Assert.DoesNotContain("pk_secret", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("keys")]
    public async Task GroupWithoutSubcommand_ShowsHelp_AsAUsageError(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }
}
