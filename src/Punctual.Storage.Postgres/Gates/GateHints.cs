using Punctual.Storage.Gates;

namespace Punctual.Storage.Postgres.Gates;

/// <summary>
/// What this store's claims last saw of the gates, so completion batches skip gate work they cannot need: a success
/// changes a gate only while an adaptive gate runs below its rate, and this node's attempts went through gates its own
/// claims read. Push-back outcomes are always fed, whatever this says.
/// </summary>
internal sealed class GateHints
{
    private volatile bool _anySlowed;

    public bool AnySlowed => _anySlowed;

    public void Saw(GateClaim gates)
    {
        if (gates.AnySlowed)
        {
            _anySlowed = true;
        }
    }

    /// <summary>After feeding, from what the feed found: whether any gate is still slowed.</summary>
    public void Fed(bool anySlowed) => _anySlowed = anySlowed;
}
