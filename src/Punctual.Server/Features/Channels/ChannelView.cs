using System.Text.Json.Nodes;
using Punctual.Core.Time;
using Punctual.Storage.Alerts;

namespace Punctual.Server.Features.Channels;

/// <summary>A channel as the API shows it: its canonical definition (secrets as the <c>${env:NAME}</c> references they are) and its times.</summary>
public static class ChannelView
{
    public static JsonObject From(ChannelRecord channel)
    {
        var view = JsonNode.Parse(channel.SpecJson)!.AsObject();
        view["created_at"] = Instants.Format(channel.CreatedAt);
        view["updated_at"] = Instants.Format(channel.UpdatedAt);
        return view;
    }
}
