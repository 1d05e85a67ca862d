using System.Reflection;
using Punctual.Storage.Conformance;

namespace Punctual.Storage.Postgres.Tests.Conformance;

/// <summary>
/// A conformance class added to the kit but not subclassed here would silently go untested. PostgreSQL runs all of
/// them, the multi-node ones included; only pure bases (classes that declare no test) need no subclass of their own.
/// </summary>
public sealed class KitCoverageTests
{
    [Fact]
    public void EveryConformanceClass_IsRunAgainstPostgres()
    {
        var kit = typeof(StoreConformance).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsPublic && t.IsSubclassOf(typeof(StoreConformance)) && DeclaresTests(t));
        var covered = Assembly.GetExecutingAssembly().GetTypes().Select(t => t.BaseType).ToHashSet();

        Assert.Empty(kit.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    private static bool DeclaresTests(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Any(method => method.GetCustomAttributes<FactAttribute>(inherit: true).Any());
}
