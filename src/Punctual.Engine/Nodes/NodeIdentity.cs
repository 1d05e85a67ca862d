using System.Security.Cryptography;

namespace Punctual.Engine.Nodes;

/// <summary>
/// This process's identity as a lease owner: the host name plus a random suffix, new at every start, so two
/// processes never share an identity (a restarted node must not mistake its predecessor's leases for its own).
/// </summary>
public sealed class NodeIdentity(string id)
{
    public string Id { get; } = id;

    public static NodeIdentity CreateRandom()
    {
        var host = Environment.MachineName.ToLowerInvariant();
        if (host.Length > 40)
        {
            host = host[..40];
        }

        return new NodeIdentity($"{host}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
    }

    public override string ToString() => Id;
}
