using System.Diagnostics;

namespace Punctual.Testing;

/// <summary>Runs the real <c>punctual</c> CLI as a process, as a user or a script would.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = new Process { StartInfo = PunctualBinary.StartInfo(arguments, environment) };
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"punctual {string.Join(' ', arguments)} did not exit within 60 s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
