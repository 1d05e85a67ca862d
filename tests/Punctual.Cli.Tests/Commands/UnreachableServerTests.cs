using System.Net;
using System.Net.Sockets;
using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Commands;

public sealed class UnreachableServerTests
{
    /// <summary>A loopback port that nothing listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("runs")]
    [InlineData("trigger", "nightly")]
    [InlineData("keys", "list")]
    public async Task ClosedPort_IsExitThree_WithAClearMessage(params string[] command)
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var result = await CliRun.RunAsync([.. command, "--url", url, "--key", "k"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal($"error: cannot reach Punctual at {url}: connection refused", result.ErrorLines[0]);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ToAClosedPort_IsExitThree()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "jobs: {}\n");

            var result = await CliRun.RunAsync("apply", "-f", file, "--url", $"http://127.0.0.1:{ClosedPort()}", "--key", "k");

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("connection refused", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
