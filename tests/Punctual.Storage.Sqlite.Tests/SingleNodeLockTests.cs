namespace Punctual.Storage.Sqlite.Tests;

/// <summary>One process per SQLite file: the store's lock file keeps a second one out until the first lets go.</summary>
public sealed class SingleNodeLockTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task OpenAsync_WhileAnotherStoreHoldsTheFile_ThrowsStoreLocked_NamingTheLockFile()
    {
        await using var first = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);

        var locked = await Assert.ThrowsAsync<StoreLockedException>(() => SqliteStore.OpenAsync(_directory.Options, CancellationToken.None));

        Assert.Contains("another punctual process", locked.Message);
        Assert.Contains(_directory.DatabasePath + ".lock", locked.Message);
    }

    [Fact]
    public async Task OpenAsync_AfterTheHolderIsDisposed_Succeeds()
    {
        var first = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);
        await first.MigrateAsync(CancellationToken.None);
        await first.DisposeAsync();

        await using var second = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);

        Assert.Equal(0, await second.ApiKeys.CountActiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_CreatesAMissingDirectory()
    {
        var nested = new SqliteStoreOptions { Path = Path.Combine(_directory.Path, "a", "b", "punctual.db") };

        await using var store = await SqliteStore.OpenAsync(nested, CancellationToken.None);

        Assert.True(File.Exists(nested.Path));
    }

    [Fact]
    public async Task Capabilities_SaySingleNodeWithoutListenNotify()
    {
        await using var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);

        Assert.Equal(new StoreCapabilities("sqlite", SingleNode: true, SupportsListenNotify: false), store.Capabilities);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task OpenAsync_WithoutAPath_IsRefused(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SqliteStore.OpenAsync(new SqliteStoreOptions { Path = path }, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_WithAnUnboundedCommandTimeout_IsRefused()
    {
        var options = new SqliteStoreOptions { Path = _directory.DatabasePath, CommandTimeout = TimeSpan.Zero };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SqliteStore.OpenAsync(options, CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();
}
