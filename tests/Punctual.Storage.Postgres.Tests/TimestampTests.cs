using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Tests.Conformance;

namespace Punctual.Storage.Postgres.Tests;

/// <summary>
/// Instants are timestamptz, which keeps microseconds; the contract keeps milliseconds. They round-trip exactly at
/// millisecond precision, finer ticks are cut as the SQLite store cuts them, and offsets never shift an instant.
/// </summary>
public sealed class TimestampTests : IAsyncLifetime
{
    private TemporaryPostgresStore? _store;

    private TemporaryPostgresStore Store => _store!;

    [Fact]
    public async Task Instants_RoundTripAtMillisecondPrecision()
    {
        var instant = new DateTimeOffset(2026, 3, 29, 1, 59, 59, 999, TimeSpan.Zero);

        await Store.Jobs.CreateAsync(new JobCreateRequest("precise", Specs.Job("precise"), instant, instant.AddMilliseconds(1), instant), CancellationToken.None);

        var job = await Store.Jobs.GetAsync("precise", CancellationToken.None);
        Assert.Equal((instant, instant.AddMilliseconds(1), instant), (job!.NextFireAt, job.NextDueAt, job.CreatedAt));
        Assert.Equal(TimeSpan.Zero, job.CreatedAt.Offset);
    }

    [Fact]
    public async Task Instants_FinerThanAMillisecond_AreCutToTheMillisecond()
    {
        var instant = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

        await Store.Jobs.CreateAsync(new JobCreateRequest("fine", Specs.Job("fine"), instant.AddTicks(9_999), null, At.T0), CancellationToken.None);

        Assert.Equal(instant, (await Store.Jobs.GetAsync("fine", CancellationToken.None))!.NextFireAt);
    }

    [Fact]
    public async Task Instants_WithAnOffset_AreStoredAsTheSameUtcInstant()
    {
        var karachi = At.T0.AddHours(1).ToOffset(TimeSpan.FromHours(5));

        await Store.Jobs.CreateAsync(new JobCreateRequest("zoned", Specs.Job("zoned"), karachi, karachi, At.T0), CancellationToken.None);

        var job = await Store.Jobs.GetAsync("zoned", CancellationToken.None);
        Assert.Equal((At.T0.AddHours(1), TimeSpan.Zero), (job!.NextFireAt, job.NextFireAt!.Value.Offset));
        Assert.Equal(At.T0.AddHours(1), await Store.Jobs.NextDueAtAsync(CancellationToken.None));
    }

    public async Task InitializeAsync() => _store = await TemporaryPostgresStore.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
