using System.Reflection;
using Punctual.Storage.Conformance;

namespace Punctual.Storage.Sqlite.Tests.Conformance;

/// <summary>A conformance class added to the kit but not subclassed here would silently go untested.</summary>
public sealed class KitCoverageTests
{
    [Fact]
    public void EveryConformanceClass_IsRunAgainstSqlite()
    {
        var kit = typeof(StoreConformance).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsPublic && t.IsSubclassOf(typeof(StoreConformance)));
        var covered = Assembly.GetExecutingAssembly().GetTypes().Select(t => t.BaseType).ToHashSet();

        Assert.Empty(kit.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }
}
