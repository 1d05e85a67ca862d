using Punctual.Storage.Conformance.Gates;
using Punctual.Storage.Conformance.Jobs;
using Punctual.Storage.Conformance.Keys;
using Punctual.Storage.Conformance.MultiNode;
using Punctual.Storage.Conformance.Nodes;
using Punctual.Storage.Conformance.Notifications;
using Punctual.Storage.Conformance.Runs;

namespace Punctual.Storage.Postgres.Tests.Conformance;

// The whole conformance kit, run against PostgreSQL: each class only supplies the store (and its peers).

public sealed class PostgresJobStoreTests : JobStoreConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresJobApplyTests : JobApplyConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresPlanningTests : PlanningConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresTriggerTests : TriggerConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresTaskTests : TaskConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresClaimTests : ClaimConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresCompletionAndLeaseTests : CompletionAndLeaseConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresRunActionsTests : RunActionsConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresRunListingTests : RunListingConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresPruneTests : PruneConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresApiKeyStoreTests : ApiKeyStoreConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresNodeStoreTests : NodeStoreConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresReleaseTests : ReleaseConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

// Multi-node: the peers are other stores on the test's schema.

public sealed class PostgresClaimRaceTests : ClaimRaceConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();

    protected override Task<IPunctualStore> OpenPeerStoreAsync() => ((TemporaryPostgresStore)Store).OpenPeerAsync();
}

public sealed class PostgresPlanningRaceTests : PlanningRaceConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();

    protected override Task<IPunctualStore> OpenPeerStoreAsync() => ((TemporaryPostgresStore)Store).OpenPeerAsync();
}

public sealed class PostgresTaskRaceTests : TaskRaceConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();

    protected override Task<IPunctualStore> OpenPeerStoreAsync() => ((TemporaryPostgresStore)Store).OpenPeerAsync();
}

public sealed class PostgresLeaseTakeoverTests : LeaseTakeoverConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();

    protected override Task<IPunctualStore> OpenPeerStoreAsync() => ((TemporaryPostgresStore)Store).OpenPeerAsync();
}

public sealed class PostgresMigrationRaceTests : MigrationRaceConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();

    protected override Task<IPunctualStore> OpenPeerStoreAsync() => ((TemporaryPostgresStore)Store).OpenPeerAsync();
}

public sealed class PostgresNotificationTests : NotificationConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();

    protected override Task<IPunctualStore> OpenPeerStoreAsync() => ((TemporaryPostgresStore)Store).OpenPeerAsync();

    protected override Task<int> InterruptListenersAsync() => ((TemporaryPostgresStore)Store).InterruptListenersAsync();
}

public sealed class PostgresGateTests : GateConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresBackfillTests : BackfillConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresAlertTests : Punctual.Storage.Conformance.Alerts.AlertConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresMonitorTests : Punctual.Storage.Conformance.Monitors.MonitorConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}

public sealed class PostgresGateAlertTests : GateAlertConformance
{
    protected override Task<IPunctualStore> CreateStoreAsync() => TemporaryPostgresStore.CreateStoreAsync();
}
