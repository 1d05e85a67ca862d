namespace Punctual.Client;

/// <summary>The values of <see cref="Job.State"/>. Strings rather than an enum, so a newer server's states still read.</summary>
public static class JobStates
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Finished = "finished";
    public const string OnDemand = "on_demand";
}
