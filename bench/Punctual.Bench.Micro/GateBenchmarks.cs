using BenchmarkDotNet.Attributes;
using Punctual.Core.Gates;
using Punctual.Core.Outcomes;

namespace Punctual.Bench.Micro;

/// <summary>
/// The gate decision (Punctual.Core.Gates.GateMath), which the store will run inside every claim transaction once
/// gates are wired in: granting permits from a token bucket under a concurrency cap, the dispatcher's "next permit"
/// sleep, and adapting the rate to an attempt's outcome.
/// </summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private static readonly GateLimits Adaptive = GateLimits.Create(20, 40, 5, adaptive: true);
    private static readonly GateState HalfFull = new(20, Jobs.Now.AddMilliseconds(-250), 20, null);
    private static readonly GateState Empty = new(0, Jobs.Now, 5, null);
    private static readonly AttemptResult Ok = AttemptResult.Success(200, null);
    private static readonly AttemptResult TooMany = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 429 Too Many Requests", 429, TimeSpan.FromSeconds(2));

    [Benchmark(Baseline = true)]
    public (int Granted, GateState State) TakeBatch() => GateMath.Take(Adaptive, HalfFull, Jobs.Now, wanted: 200, inFlight: 2);

    [Benchmark]
    public DateTimeOffset NextPermitWhenEmpty() => GateMath.NextPermitAt(Adaptive, Empty, Jobs.Now);

    [Benchmark]
    public GateState OnSuccessGrowsBack() => GateMath.OnOutcome(Adaptive, Empty, Ok, Jobs.Now);

    [Benchmark]
    public GateState OnTooManyRequestsHalves() => GateMath.OnOutcome(Adaptive, HalfFull, TooMany, Jobs.Now);
}
