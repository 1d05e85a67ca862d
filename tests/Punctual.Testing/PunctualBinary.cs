namespace Punctual.Testing;

/// <summary>Where the built <c>punctual</c> executable is: copied next to the tests by a project reference to Punctual.Cli.</summary>
public static class PunctualBinary
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "punctual.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException("punctual.dll is not beside the tests; the test project must reference Punctual.Cli.", path);
        }
    }

    public static System.Diagnostics.ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "PUNCTUAL_URL", "PUNCTUAL_KEY", "PUNCTUAL_STORE", "PUNCTUAL_LISTEN", "PUNCTUAL_ADMIN_KEY" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }
}
