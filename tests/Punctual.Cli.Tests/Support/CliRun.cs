using Punctual.Cli.Invocation;

namespace Punctual.Cli.Tests.Support;

/// <summary>What one in-process run of <c>punctual</c> produced.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Lines(Out);

    public string[] ErrorLines => Lines(Error);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

internal static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(TestEnvironment.Empty, null, args);

    public static async Task<CliResult> RunAsync(IEnvironment environment, TimeProvider? time, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr, environment, time);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a client command against <paramref name="server"/> with a key.</summary>
    public static Task<CliResult> AgainstAsync(StubServer server, params string[] args) =>
        RunAsync([.. args, "--url", server.Url.ToString(), "--key", "pk_test"]);
}
