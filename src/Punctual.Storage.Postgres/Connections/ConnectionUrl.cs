using Npgsql;

namespace Punctual.Storage.Postgres.Connections;

/// <summary>
/// Turns <c>postgresql://user:password@host:port/database?schema=…&amp;sslmode=…</c> into store options. Errors name
/// what is wrong but never echo the URL, which may carry a password.
/// </summary>
internal static class ConnectionUrl
{
    private const string Expected = "expected postgresql://user:password@host:port/database?schema=… with special characters in the user and password percent-encoded";

    private static readonly string[] Parameters = ["schema", "sslmode", "application_name"];

    public static PostgresStoreOptions Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgresql" or "postgres"))
        {
            throw Invalid("it is not a postgresql:// or postgres:// URL");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid("it names no host");
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            throw Invalid("it has a fragment (#…)");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.IdnHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
        };

        var (user, password) = SplitUserInfo(uri.UserInfo);
        if (user.Length > 0)
        {
            builder.Username = user;
        }

        if (password is not null)
        {
            builder.Password = password;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid("the database name contains '/'");
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var schema = PostgresStoreOptions.DefaultSchema;
        foreach (var (name, value) in Query(uri.Query))
        {
            switch (name)
            {
                case "schema":
                    schema = value;
                    break;
                case "sslmode":
                    builder.SslMode = SslModeOf(value);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
            }
        }

        var options = new PostgresStoreOptions { ConnectionString = builder.ConnectionString, Schema = schema };
        if (!PostgresStoreOptions.IsValidSchema(schema))
        {
            throw new ArgumentException(
                $"The PostgreSQL URL's schema '{schema}' is not valid: use lower-case letters, digits and underscores, starting with a letter or underscore.",
                nameof(url));
        }

        return options;
    }

    private static (string User, string? Password) SplitUserInfo(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return ("", null);
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(userInfo), null)
            : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static List<(string Name, string Value)> Query(string query)
    {
        var pairs = new List<(string, string)>();
        var unknown = new List<string>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' '));
            if (Array.IndexOf(Parameters, name) < 0)
            {
                unknown.Add(name);
                continue;
            }

            pairs.Add((name, value));
        }

        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"The PostgreSQL URL has unknown parameter(s): {string.Join(", ", unknown.Select(n => $"'{n}'"))}; known: {string.Join(", ", Parameters)}.",
                "url");
        }

        return pairs;
    }

    private static SslMode SslModeOf(string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new ArgumentException(
            $"The PostgreSQL URL's sslmode '{value}' is not valid; use disable, allow, prefer, require, verify-ca or verify-full.", "url"),
    };

    private static ArgumentException Invalid(string reason) =>
        new($"The PostgreSQL URL is not valid: {reason}; {Expected}.", "url");
}
