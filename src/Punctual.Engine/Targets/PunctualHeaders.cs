namespace Punctual.Engine.Targets;

/// <summary>Names of the headers every attempt carries (DESIGN §3).</summary>
public static class PunctualHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string RunId = "Punctual-Run-Id";
    public const string Attempt = "Punctual-Attempt";
    public const string ScheduledFor = "Punctual-Scheduled-For";
    public const string Period = "Punctual-Period";
    public const string TraceParent = "traceparent";
    public const string UserAgent = "Punctual/1.0";
}
