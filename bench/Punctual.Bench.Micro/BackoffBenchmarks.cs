using BenchmarkDotNet.Attributes;
using Punctual.Core.Retries;

namespace Punctual.Bench.Micro;

/// <summary>Back-off delays: after the first failure, deep into a long retry cycle (the ceiling loop), and with Retry-After.</summary>
[MemoryDiagnoser]
public class BackoffBenchmarks
{
    private static readonly RetryPolicy Long = new(100, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), null, []);

    [Benchmark(Baseline = true)]
    public TimeSpan FirstFailure() => Backoff.Delay(RetryPolicy.Default, 1, 42);

    [Benchmark]
    public TimeSpan FiftiethFailure() => Backoff.Delay(Long, 50, 42);

    [Benchmark]
    public TimeSpan WithRetryAfter() => Backoff.Delay(RetryPolicy.Default, 2, 42, TimeSpan.FromMinutes(5));
}
