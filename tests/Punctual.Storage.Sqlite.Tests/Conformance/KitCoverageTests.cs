using System.Reflection;
using Punctual.Storage.Conformance;
using Punctual.Storage.Conformance.MultiNode;
using Punctual.Storage.Conformance.Notifications;

namespace Punctual.Storage.Sqlite.Tests.Conformance;

/// <summary>A conformance class added to the kit but not subclassed here would silently go untested.</summary>
public sealed class KitCoverageTests
{
    [Fact]
    public void EveryConformanceClass_IsRunAgainstSqlite()
    {
        // SQLite is single-node and has no notifications: the multi-node classes do not apply to it.
        var kit = typeof(StoreConformance).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsPublic && t.IsSubclassOf(typeof(StoreConformance)))
            .Where(t => !IsOrDerivesFrom(t, typeof(MultiNodeConformance)) && !IsOrDerivesFrom(t, typeof(NotificationConformance)));
        var covered = Assembly.GetExecutingAssembly().GetTypes().Select(t => t.BaseType).ToHashSet();

        Assert.Empty(kit.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    private static bool IsOrDerivesFrom(Type type, Type root) => type == root || type.IsSubclassOf(root);
}
