namespace Punctual.Architecture.Tests;

/// <summary>The clock is injected everywhere: the banned-API list must stay wired into every project.</summary>
public sealed class TimeTests
{
    [Fact]
    public void BannedSymbols_BanTheWallClockAndClocklessDelays()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BannedSymbols.txt")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var banned = File.ReadAllText(Path.Combine(root.FullName, "BannedSymbols.txt"));
        Assert.Contains("P:System.DateTime.UtcNow", banned, StringComparison.Ordinal);
        Assert.Contains("P:System.DateTimeOffset.UtcNow", banned, StringComparison.Ordinal);
        Assert.Contains("M:System.Threading.Tasks.Task.Delay(System.TimeSpan)", banned, StringComparison.Ordinal);
        var props = File.ReadAllText(Path.Combine(root.FullName, "Directory.Build.props"));
        Assert.Contains("BannedSymbols.txt", props, StringComparison.Ordinal);
        Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props, StringComparison.Ordinal);
    }
}
