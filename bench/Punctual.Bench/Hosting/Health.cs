namespace Punctual.Bench.Hosting;

/// <summary>Waits for a child process's health endpoint, failing fast when the process dies.</summary>
internal static class Health
{
    public static async Task WaitAsync(ChildProcess process, Uri healthz, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var deadline = clock.GetUtcNow() + timeout;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited with {process.ExitCode}:\n{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(healthz, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }

        throw new TimeoutException($"{process.Name} did not answer {healthz} within {timeout.TotalSeconds:0} s:\n{process.Tail()}");
    }
}
