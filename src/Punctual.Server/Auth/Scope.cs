namespace Punctual.Server.Auth;

/// <summary>What an API key may do; each scope includes the ones below it.</summary>
public enum Scope
{
    Read = 1,
    Write = 2,
    Admin = 3,
}

public static class Scopes
{
    public static string ToText(Scope scope) => scope switch
    {
        Scope.Read => "read",
        Scope.Write => "write",
        Scope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static bool TryParse(string? text, out Scope scope)
    {
        scope = text switch
        {
            "read" => Scope.Read,
            "write" => Scope.Write,
            "admin" => Scope.Admin,
            _ => 0,
        };
        return scope != 0;
    }
}

/// <summary>Endpoint metadata: the scope a call needs. The most specific one (endpoint over group) applies.</summary>
public sealed record RequiredScope(Scope Scope);

public static class RequiredScopeExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, Scope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));
}
