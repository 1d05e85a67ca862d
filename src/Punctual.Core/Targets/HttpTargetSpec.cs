namespace Punctual.Core.Targets;

/// <summary>
/// An HTTP request an attempt sends. <see cref="Url"/>, header values and string values in the body may hold
/// <c>${env:NAME}</c> references, resolved on the node at dispatch and never stored resolved.
/// <see cref="BodyJson"/> is canonical JSON text (or null for no body).
/// </summary>
public sealed record HttpTargetSpec(
    string Method,
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? BodyJson) : TargetSpec
{
    public const string DefaultMethod = "POST";

    /// <summary>Largest body accepted, in bytes of canonical JSON.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static readonly IReadOnlySet<string> Methods =
        new HashSet<string>(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE" };

    public bool Equals(HttpTargetSpec? other) =>
        other is not null
        && Method == other.Method
        && Url == other.Url
        && BodyJson == other.BodyJson
        && Headers.SequenceEqual(other.Headers);

    public override int GetHashCode() => HashCode.Combine(Method, Url, BodyJson, Headers.Count);
}
