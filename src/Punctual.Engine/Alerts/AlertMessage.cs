using System.Text;
using System.Text.Json;
using Punctual.Core.Alerts;
using Punctual.Core.Time;
using Punctual.Storage.Alerts;

namespace Punctual.Engine.Alerts;

/// <summary>
/// One alert as channels send it. <see cref="Event"/>: <c>opened</c>, <c>repeat</c>, <c>escalated</c>, <c>resolved</c>
/// or <c>test</c>.
/// The webhook channel posts <see cref="ToJson"/>; Slack and e-mail use <see cref="Title"/> and <see cref="Text"/>.
/// </summary>
public sealed record AlertMessage(
    string Event,
    long? IncidentId,
    string Kind,
    string Subject,
    string Cause,
    string Summary,
    string? Detail,
    DateTimeOffset? OpenedAt,
    DateTimeOffset At)
{
    public static AlertMessage From(AlertDelivery delivery, DateTimeOffset now) => new(
        delivery.Delivery.Event,
        delivery.Incident.Id,
        AlertKinds.ToText(delivery.Incident.Kind),
        delivery.Incident.Subject,
        delivery.Incident.Cause,
        delivery.Delivery.Event == "resolved" ? delivery.Incident.Resolution ?? "resolved" : delivery.Summary ?? delivery.Incident.Summary,
        delivery.Delivery.Event == "resolved" ? null : delivery.Incident.Detail,
        delivery.Incident.OpenedAt,
        now);

    public static AlertMessage Test(string channel, DateTimeOffset now) => new(
        "test", null, "test", channel, $"channel:{channel}", $"Test message from Punctual to channel '{channel}'", "If you can read this, the channel works.", null, now);

    public string Title => Event switch
    {
        "resolved" => $"[Punctual] RESOLVED: {Summary}",
        "repeat" => $"[Punctual] STILL FAILING: {Summary}",
        "escalated" => $"[Punctual] WORSE: {Summary}",
        "test" => $"[Punctual] {Summary}",
        _ => $"[Punctual] {Summary}",
    };

    public string Text
    {
        get
        {
            var text = new StringBuilder(Title);
            if (Detail is not null)
            {
                text.Append('\n').Append(Detail);
            }

            if (IncidentId is { } id)
            {
                text.Append('\n').Append($"incident {id} ({Cause}), opened {Instants.Format(OpenedAt!.Value)}");
            }

            return text.ToString();
        }
    }

    /// <summary>The generic JSON event: snake_case, instants in ISO-8601 UTC.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("event", Event);
            if (IncidentId is { } id)
            {
                writer.WriteNumber("incident_id", id);
            }
            else
            {
                writer.WriteNull("incident_id");
            }

            writer.WriteString("kind", Kind);
            writer.WriteString("subject", Subject);
            writer.WriteString("cause", Cause);
            writer.WriteString("summary", Summary);
            writer.WriteString("detail", Detail);
            writer.WriteString("opened_at", OpenedAt is { } opened ? Instants.Format(opened) : null);
            writer.WriteString("at", Instants.Format(At));
            writer.WriteString("text", Text);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
