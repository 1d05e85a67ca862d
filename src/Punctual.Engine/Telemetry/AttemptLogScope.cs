using System.Collections;
using System.Globalization;

namespace Punctual.Engine.Telemetry;

/// <summary>
/// The logging scope around one attempt: structured properties RunId, Job and Attempt (JSON logs show them as
/// fields), and a short text for text logs. Read-only, so safe to share across the attempt's async flow.
/// </summary>
public sealed class AttemptLogScope(long runId, string? job, int attempt) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _properties =
    [
        new("RunId", runId),
        new("Job", job ?? "task"),
        new("Attempt", attempt),
    ];

    public int Count => _properties.Length;

    public KeyValuePair<string, object?> this[int index] => _properties[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"run {runId} ({job ?? "task"}) attempt {attempt}");
}
