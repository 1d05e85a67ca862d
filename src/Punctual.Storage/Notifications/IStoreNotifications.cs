namespace Punctual.Storage.Notifications;

/// <summary>
/// Wake-up hints between nodes (PostgreSQL LISTEN/NOTIFY). A hint only says "look now": nothing depends on it
/// arriving, since every loop also polls. Topics are short names (<see cref="Topics"/>); no payload is sent.
/// </summary>
public interface IStoreNotifications
{
    /// <summary>Tells every listening node (this one included) to look at <paramref name="topic"/>.</summary>
    Task PublishAsync(string topic, CancellationToken cancellationToken);

    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> fires, calling <paramref name="received"/> for each hint.
    /// Reconnects by itself after a lost connection; returns only when cancelled.
    /// </summary>
    Task ListenAsync(IReadOnlyCollection<string> topics, Action<string> received, CancellationToken cancellationToken);
}

/// <summary>The topics the engine uses.</summary>
public static class Topics
{
    /// <summary>Jobs changed (created, rescheduled, resumed): planners recompute their sleep.</summary>
    public const string Jobs = "jobs";

    /// <summary>Runs became due or claimable: dispatchers claim.</summary>
    public const string Runs = "runs";
}
