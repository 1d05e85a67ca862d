using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Invocation;

/// <summary>serve's own options: a wrong value is a usage error before anything opens (no store file, no port).</summary>
public sealed class ServeOptionsTests
{
    [Fact]
    public async Task UnknownLogFormat_IsAUsageError_AndCreatesNoStore()
    {
        var store = Path.Combine(Path.GetTempPath(), $"punctual-serve-{Guid.NewGuid():N}.db");

        var result = await CliRun.RunAsync("serve", "--log-format", "yaml", "--store", $"sqlite:{store}");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --log-format 'yaml' is not a log format; use text or json", result.ErrorLines.Single());
        Assert.False(File.Exists(store));
    }

    [Theory]
    [InlineData("PUNCTUAL_LOG_FORMAT", "xml", "--log-format 'xml' is not a log format; use text or json")]
    [InlineData("PUNCTUAL_ALLOW_COMMANDS", "maybe", "PUNCTUAL_ALLOW_COMMANDS 'maybe' is not true or false")]
    public async Task BadEnvironmentValue_IsAUsageError(string name, string value, string message)
    {
        var store = Path.Combine(Path.GetTempPath(), $"punctual-serve-{Guid.NewGuid():N}.db");
        var environment = new TestEnvironment(new Dictionary<string, string> { [name] = value, ["PUNCTUAL_STORE"] = $"sqlite:{store}" });

        var result = await CliRun.RunAsync(environment, null, "serve");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {message}", result.ErrorLines.Single());
        Assert.False(File.Exists(store));
    }

    [Fact]
    public async Task Help_ExplainsAllowCommandsAndLogFormat()
    {
        var result = await CliRun.RunAsync("serve", "--help");

        Assert.Contains("--allow-commands", result.Out, StringComparison.Ordinal);
        Assert.Contains("--log-format", result.Out, StringComparison.Ordinal);
    }
}
