using System.Reflection;

namespace Punctual.Architecture.Tests;

/// <summary>
/// The dependency arrows of DESIGN §5: Core ← Storage contract ← Engine ← Server; only the composition root
/// (Server, Cli) knows a concrete driver; the SDK client stands alone.
/// </summary>
public sealed class DependencyTests
{
    [Fact]
    public void Core_ReferencesOnlyTheBclAndCronos()
    {
        var references = PunctualReferences("Punctual.Core", out var all);

        Assert.Empty(references);
        Assert.All(all, name => Assert.True(IsFramework(name) || name == "Cronos", $"Punctual.Core must not reference {name}"));
    }

    [Fact]
    public void StorageContract_ReferencesOnlyCore()
    {
        Assert.Equal(["Punctual.Core"], PunctualReferences("Punctual.Storage", out _));
    }

    [Fact]
    public void Engine_DependsOnTheStoreContract_NeverOnADriver()
    {
        var references = PunctualReferences("Punctual.Engine", out _);

        Assert.Equal(["Punctual.Core", "Punctual.Storage"], references);
    }

    [Theory]
    [InlineData("Punctual.Storage.Sqlite")]
    [InlineData("Punctual.Storage.Postgres")]
    public void Drivers_DependOnlyOnTheContractAndCore(string driver)
    {
        Assert.Equal(["Punctual.Core", "Punctual.Storage"], PunctualReferences(driver, out _));
    }

    [Fact]
    public void Client_IsAStandaloneSdk()
    {
        Assert.Empty(PunctualReferences("Punctual.Client", out _));
    }

    [Fact]
    public void SourceFolders_AreNamedByCapability_NotByLayer()
    {
        var banned = new[] { "Utils", "Utilities", "Helpers", "Common", "Impl", "Models", "Misc" };
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateDirectories(src, "*", SearchOption.AllDirectories)
            .Where(d => !d.Contains($"{Path.DirectorySeparatorChar}bin", StringComparison.Ordinal) && !d.Contains($"{Path.DirectorySeparatorChar}obj", StringComparison.Ordinal))
            .Where(d => banned.Contains(Path.GetFileName(d)))
            .ToList();

        Assert.Empty(offenders);
    }

    private static List<string> PunctualReferences(string assemblyName, out List<string> all)
    {
        var assembly = Assembly.Load(assemblyName);
        all = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        return all.Where(n => n.StartsWith("Punctual.", StringComparison.Ordinal)).Order().ToList();
    }

    private static bool IsFramework(string name) =>
        name is "mscorlib" or "netstandard" || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Punctual.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Punctual.slnx).");
    }
}
