using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Punctual.Core.Channels;
using Punctual.Engine.Alerts;

namespace Punctual.Engine.Channels;

/// <summary>E-mail channels: one message through the channel's SMTP server (MailKit), bounded by the send timeout.</summary>
public sealed class EmailSender(TimeSpan timeout, TimeProvider time) : IChannelSender
{
    public ChannelType Type => ChannelType.Email;

    public async Task<string?> SendAsync(ChannelDefinition channel, AlertMessage message, Func<string, string?> secrets, CancellationToken cancellationToken)
    {
        var email = channel.Email!;
        string? password = null;
        if (email.Password is not null && !ChannelSecrets.TryResolve(email.Password, secrets, out password, out var error))
        {
            return $"password: {error}";
        }

        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(email.From));
        foreach (var to in email.To)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        mime.Subject = message.Title;
        mime.Body = new TextPart("plain") { Text = message.Text };
        mime.Headers.Add("X-Punctual-Event", message.Event);

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var smtp = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            var security = email.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await smtp.ConnectAsync(email.Host, email.Port, security, linked.Token).ConfigureAwait(false);
            if (email.Username is not null && password is not null)
            {
                await smtp.AuthenticateAsync(email.Username, password, linked.Token).ConfigureAwait(false);
            }

            await smtp.SendAsync(mime, linked.Token).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"SMTP server {email.Host}:{email.Port} did not finish within {timeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
                                      or AuthenticationException or SslHandshakeException or MailKit.ServiceNotConnectedException)
        {
            return $"SMTP server {email.Host}:{email.Port}: {e.Message}";
        }
    }
}
