using Npgsql;

namespace Punctual.Storage.Postgres.Tests;

/// <summary><c>--store postgresql://…</c>: what a URL becomes, and errors that say what is wrong without leaking the password.</summary>
public sealed class ConnectionUrlTests
{
    private const string Secret = "s3cr3t-p@ss";

    [Fact]
    public void FromUrl_ReadsEveryPart()
    {
        var options = PostgresStoreOptions.FromUrl("postgresql://punctual:s3cr3t-p%40ss@db.internal:6432/scheduler?schema=tenant_a&sslmode=require&application_name=node-1");

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal(("db.internal", 6432, "scheduler"), (builder.Host, builder.Port, builder.Database));
        Assert.Equal(("punctual", Secret), (builder.Username, builder.Password));
        Assert.Equal((SslMode.Require, "node-1"), (builder.SslMode, builder.ApplicationName));
        Assert.Equal("tenant_a", options.Schema);
    }

    [Fact]
    public void FromUrl_DefaultsThePortTo5432_AndTheSchemaToPublic()
    {
        var options = PostgresStoreOptions.FromUrl("postgres://app@localhost/punctual");

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal((5432, "app", (string?)null), (builder.Port, builder.Username, builder.Password));
        Assert.Equal("punctual", options.Schema);
        Assert.Equal(PostgresStoreOptions.DefaultCommandTimeout, options.CommandTimeout);
    }

    [Fact]
    public void FromUrl_DecodesTheUserAndPassword()
    {
        var options = PostgresStoreOptions.FromUrl("postgresql://us%3Aer:p%2Fa%20ss%3A%25@[::1]:5433/db");

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal(("us:er", "p/a ss:%", "::1", 5433), (builder.Username, builder.Password, builder.Host, builder.Port));
    }

    [Fact]
    public void FromUrl_WithUnknownParameters_NamesThem()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PostgresStoreOptions.FromUrl($"postgresql://u:{Uri.EscapeDataString(Secret)}@h/db?schema=a&pool=5&password=x"));

        Assert.Contains("'pool'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'password'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u:s3cr3t-p@h/db")]
    [InlineData("postgresql://u:s3cr3t-p@ss@h/db")]
    [InlineData("postgresql://u:s3cr3t-p@h:99999/db")]
    [InlineData("postgresql://u:s3cr3t-p@h:port/db")]
    [InlineData("postgresql:u:s3cr3t-p@h/db")]
    [InlineData("postgresql://u:s3cr3t-p@h/db/extra")]
    [InlineData("postgresql://u:s3cr3t-p@h/db#s3cr3t")]
    [InlineData("u:s3cr3t-p@h/db")]
    [InlineData("")]
    public void FromUrl_Malformed_ThrowsWithoutThePassword(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresStoreOptions.FromUrl(url));

        Assert.Contains("PostgreSQL URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Theory]
    [InlineData("schema=Tenant", "schema 'Tenant'")]
    [InlineData("schema=", "schema ''")]
    [InlineData("schema=a-b", "schema 'a-b'")]
    [InlineData("sslmode=sometimes", "sslmode 'sometimes'")]
    public void FromUrl_WithAnInvalidValue_NamesIt(string query, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresStoreOptions.FromUrl($"postgresql://u:s3cr3t@h/db?{query}"));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WithAnInvalidConnectionString_ThrowsWithoutEchoingIt()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=h;Password=s3cr3t;Port=notaport" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgresStore.OpenAsync(options, CancellationToken.None));

        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WithAnInvalidSchema_IsRefused()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=h", Schema = "Robert'); DROP TABLE jobs;--" };

        await Assert.ThrowsAsync<ArgumentException>(() => PostgresStore.OpenAsync(options, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_WithAWrongPassword_FailsAsAStoreError_WithoutThePassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestServer.ConnectionString) { Username = "no_such_user", Password = Secret };
        var options = new PostgresStoreOptions { ConnectionString = builder.ConnectionString };

        var error = await Assert.ThrowsAsync<StoreException>(() => PostgresStore.OpenAsync(options, CancellationToken.None));

        Assert.Equal("opening the PostgreSQL store failed", error.Message);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WithNothingListening_FailsAsAStoreError()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Password=s3cr3t" };

        var error = await Assert.ThrowsAsync<StoreException>(() => PostgresStore.OpenAsync(options, CancellationToken.None));

        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
    }
}
