using System.Runtime.InteropServices;
using Punctual.Bench;
using Punctual.Bench.Options;
using Punctual.Bench.Results;

// The benchmark driver; bench/run.sh is the way to run it (it builds, picks a work directory and cleans up).
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}\n{BenchOptions.Usage}");
    return BenchRunner.BadUsage;
}

if (options.Summarize.Count > 0)
{
    Summary.Print(options.Summarize, Console.Out);
    return BenchRunner.Ok;
}

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    Console.Error.WriteLine($"[bench] {signal.Signal}: stopping what was started");
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await BenchRunner.RunAsync(options, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
