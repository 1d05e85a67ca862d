using Punctual.Storage.Conformance.Gates;
using Punctual.Storage.Conformance.Jobs;
using Punctual.Storage.Conformance.Keys;
using Punctual.Storage.Conformance.Nodes;
using Punctual.Storage.Conformance.Runs;

namespace Punctual.Storage.Sqlite.Tests.Conformance;

// The whole conformance kit, run against SQLite: each class only supplies the store.

public sealed class SqliteJobStoreTests : JobStoreConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteJobApplyTests : JobApplyConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqlitePlanningTests : PlanningConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteTriggerTests : TriggerConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteTaskTests : TaskConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteClaimTests : ClaimConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteCompletionAndLeaseTests : CompletionAndLeaseConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteRunActionsTests : RunActionsConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteRunListingTests : RunListingConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqlitePruneTests : PruneConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteNodeStoreTests : NodeStoreConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteReleaseTests : ReleaseConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteGateTests : GateConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteBackfillTests : BackfillConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteAlertTests : Punctual.Storage.Conformance.Alerts.AlertConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteMonitorTests : Punctual.Storage.Conformance.Monitors.MonitorConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}

public sealed class SqliteGateAlertTests : GateAlertConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporarySqliteStore.CreateAsync();
}
