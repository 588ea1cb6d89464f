using System;
using System.Diagnostics.CodeAnalysis;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Checks a server's permessage-deflate response against the client's offer (RFC 7692 §5, §7.1) and derives the
/// agreed <see cref="PerMessageDeflateParameters"/>. Every rule a response can break fails the handshake: the
/// client MUST fail the connection on a response it does not accept (RFC 7692 §5, §7.1).
/// </summary>
public static class PerMessageDeflateNegotiation
{
    /// <summary>The parameter name <c>server_no_context_takeover</c> (RFC 7692 §7.1.1.1).</summary>
    public const string ServerNoContextTakeover = "server_no_context_takeover";

    /// <summary>The parameter name <c>client_no_context_takeover</c> (RFC 7692 §7.1.1.2).</summary>
    public const string ClientNoContextTakeover = "client_no_context_takeover";

    /// <summary>The parameter name <c>server_max_window_bits</c> (RFC 7692 §7.1.2.1).</summary>
    public const string ServerMaxWindowBits = "server_max_window_bits";

    /// <summary>The parameter name <c>client_max_window_bits</c> (RFC 7692 §7.1.2.2).</summary>
    public const string ClientMaxWindowBits = "client_max_window_bits";

    internal const int MinWindowBits = 8;
    internal const int MaxWindowBits = 15;

    /// <summary>Accepts the server's permessage-deflate element for the client's offer.</summary>
    /// <param name="offer">What the client offered.</param>
    /// <param name="response">The permessage-deflate element of the server's Sec-WebSocket-Extensions.</param>
    /// <returns>The parameters both sides now use.</returns>
    /// <exception cref="WebSocketHandshakeException">
    /// The response breaks RFC 7692 §7.1 (<see cref="WebSocketHandshakeError.InvalidExtensionParameters"/>, status 101).
    /// </exception>
    public static PerMessageDeflateParameters Accept(PerMessageDeflateOptions offer, WebSocketExtension response)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(response);
        if (!TryAccept(offer, response, out PerMessageDeflateParameters? parameters, out string? failure))
        {
            throw new WebSocketHandshakeException(WebSocketHandshakeError.InvalidExtensionParameters, 101, null, failure);
        }

        return parameters;
    }

    internal static bool TryAccept(
        PerMessageDeflateOptions offer,
        WebSocketExtension response,
        [NotNullWhen(true)] out PerMessageDeflateParameters? parameters,
        [NotNullWhen(false)] out string? failure)
    {
        parameters = null;
        bool clientNoContextTakeover = false;
        bool serverNoContextTakeover = false;
        int? clientBits = null;
        int? serverBits = null;
        foreach (WebSocketExtensionParameter parameter in response.Parameters)
        {
            string name = parameter.Name;
            bool repeated;
            if (Is(name, ServerNoContextTakeover))
            {
                repeated = serverNoContextTakeover;
                serverNoContextTakeover = true;
                failure = parameter.Value is null ? null : $"{ServerNoContextTakeover} takes no value (RFC 7692 §7.1.1.1).";
            }
            else if (Is(name, ClientNoContextTakeover))
            {
                // RFC 7692 §7.1.1.2: the server may ask for this even when the client did not offer it.
                repeated = clientNoContextTakeover;
                clientNoContextTakeover = true;
                failure = parameter.Value is null ? null : $"{ClientNoContextTakeover} takes no value (RFC 7692 §7.1.1.2).";
            }
            else if (Is(name, ServerMaxWindowBits))
            {
                repeated = serverBits is not null;
                serverBits = ParseWindowBits(parameter, out failure);
            }
            else if (Is(name, ClientMaxWindowBits))
            {
                repeated = clientBits is not null;
                clientBits = ParseWindowBits(parameter, out failure);
                // RFC 7692 §7.1.2.2: "If a received extension negotiation offer doesn't have the
                // client_max_window_bits extension parameter, the corresponding extension negotiation response to
                // the offer MUST NOT include the client_max_window_bits extension parameter."
                failure ??= offer.ClientMaxWindowBits is null ? $"the server sent {ClientMaxWindowBits}, which the client did not offer (RFC 7692 §7.1.2.2)." : null;
            }
            else
            {
                failure = $"unknown parameter '{FieldSyntax.Printable(name)}' (RFC 7692 §7.1).";
                repeated = false;
            }

            if (repeated)
            {
                // RFC 7692 §7.1: a response with more than one of the same parameter is declined.
                failure = $"the parameter '{FieldSyntax.Printable(name)}' appears more than once (RFC 7692 §7.1).";
            }

            if (failure is not null)
            {
                return false;
            }
        }

        // RFC 7692 §7.1.1.1: a server accepts server_no_context_takeover only by echoing it.
        if (offer.ServerNoContextTakeover && !serverNoContextTakeover)
        {
            failure = $"the client asked for {ServerNoContextTakeover} and the server did not agree (RFC 7692 §7.1.1.1).";
            return false;
        }

        // RFC 7692 §7.1.2.1: a server accepts server_max_window_bits by answering with the same or a smaller value.
        if (offer.ServerMaxWindowBits is int offeredServerBits && (serverBits is null || serverBits > offeredServerBits))
        {
            failure = $"the server did not answer {ServerMaxWindowBits}={offeredServerBits} with the same or a smaller value (RFC 7692 §7.1.2.1).";
            return false;
        }

        // RFC 7692 §7.1.2.2: the server may lower the client's window below the offered value, never raise it; when it
        // says nothing the client keeps the limit it offered.
        if (offer.ClientMaxWindowBits is int offeredClientBits && clientBits > offeredClientBits)
        {
            failure = $"the server raised {ClientMaxWindowBits} above the offered {offeredClientBits} (RFC 7692 §7.1.2.2).";
            return false;
        }

        parameters = new PerMessageDeflateParameters(
            clientNoContextTakeover || offer.ClientNoContextTakeover,
            serverNoContextTakeover,
            clientBits ?? offer.ClientMaxWindowBits ?? MaxWindowBits,
            serverBits ?? MaxWindowBits);
        failure = null;
        return true;
    }

    internal static void ThrowIfInvalidWindowBits(int bits, string name)
    {
        if (bits < MinWindowBits || bits > MaxWindowBits)
        {
            throw new ArgumentOutOfRangeException(name, bits, "A window size is 8 to 15 bits (RFC 7692 §7.1.2).");
        }
    }

    private static bool Is(string name, string parameter) => string.Equals(name, parameter, StringComparison.OrdinalIgnoreCase);

    // RFC 7692 §7.1.2.1/§7.1.2.2: the value is a decimal integer from 8 to 15 without leading zeros, and a response
    // always carries one.
    private static int? ParseWindowBits(WebSocketExtensionParameter parameter, out string? failure)
    {
        string? value = parameter.Value;
        int bits = value switch
        {
            "8" => 8,
            "9" => 9,
            "10" => 10,
            "11" => 11,
            "12" => 12,
            "13" => 13,
            "14" => 14,
            "15" => 15,
            _ => 0,
        };
        failure = bits == 0 ? $"{parameter.Name} must have a value from 8 to 15 (RFC 7692 §7.1.2)." : null;
        return bits == 0 ? MaxWindowBits : bits;
    }
}
