namespace Punctual.Engine.Targets;

/// <summary>Where <c>${env:NAME}</c> references are resolved: the node's environment, read at dispatch time.</summary>
public sealed class SecretSource(Func<string, string?> lookup)
{
    public static SecretSource FromEnvironment() => new(Environment.GetEnvironmentVariable);

    public string? Get(string name) => lookup(name);
}
