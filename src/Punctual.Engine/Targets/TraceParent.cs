using System.Security.Cryptography;
using System.Text;

namespace Punctual.Engine.Targets;

/// <summary>
/// W3C trace context for an attempt: the trace id is derived from the run's idempotency key, so every attempt of a
/// run lands in one trace; the span id is new per attempt.
/// </summary>
public static class TraceParent
{
    public static string For(string idempotencyKey)
    {
        var traceId = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16);
        Span<byte> spanId = stackalloc byte[8];
        RandomNumberGenerator.Fill(spanId);
        return $"00-{Convert.ToHexStringLower(traceId)}-{Convert.ToHexStringLower(spanId)}-01";
    }
}
