using System;
using System.Collections.Generic;
using System.Globalization;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The checks of RFC 6455 §4.1 (client steps 1–6) on one response, each failing with the
/// <see cref="WebSocketHandshakeError"/> it names and the response's status and fields.
/// </summary>
internal readonly struct WebSocketHandshakeResponse(int statusCode, HttpHeaders headers)
{
    public WebSocketHandshakeException Fail(WebSocketHandshakeError error, string what, Exception? inner = null) =>
        new(error, statusCode, headers, string.Create(CultureInfo.InvariantCulture, $"The WebSocket handshake failed (status {statusCode}): {what.TrimEnd('.')}."), inner);

    public void CheckStatusAndUpgrade()
    {
        // RFC 6455 §4.1 (1): "If the status code received from the server is not 101, the client handles the
        // response per HTTP procedures" — for a WebSocket client that means the connection is not established.
        if (statusCode != 101)
        {
            throw Fail(WebSocketHandshakeError.UnexpectedStatusCode, "the server did not switch protocols");
        }

        // RFC 6455 §4.1 (2): Upgrade must be an ASCII case-insensitive match for "websocket".
        List<string> upgrade = ListElements(HttpHeaderNames.Upgrade);
        if (upgrade.Count != 1 || !string.Equals(upgrade[0], "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(WebSocketHandshakeError.InvalidUpgrade, "the Upgrade field is not \"websocket\"");
        }

        // RFC 6455 §4.1 (3): Connection must contain the "Upgrade" option (options are case-insensitive, RFC 9110 §7.6.1).
        if (!ListElements(HttpHeaderNames.Connection).Exists(option => string.Equals(option, "upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            throw Fail(WebSocketHandshakeError.InvalidConnection, "the Connection field has no \"upgrade\" option");
        }
    }

    /// <summary>The value of a field that must appear at most once, or null when it is absent or repeated.</summary>
    public string? SingleValue(string name)
    {
        IReadOnlyList<string> values = headers.GetValues(name);
        return values.Count == 1 ? values[0].Trim() : null;
    }

    public string? SelectedSubprotocol(IReadOnlyList<string>? offered)
    {
        IReadOnlyList<string> values = headers.GetValues(WebSocketHandshake.ProtocolField);
        if (values.Count == 0)
        {
            return null;
        }

        // RFC 6455 §4.1 (6): a value "that was not present in the client's handshake (the server has indicated a
        // subprotocol not requested by the client)" fails the connection; the server selects one (§4.2.2).
        string selected = values[0].Trim();
        if (values.Count != 1 || offered is null || !Contains(offered, selected))
        {
            throw Fail(WebSocketHandshakeError.UnexpectedSubprotocol, "the server selected a subprotocol the client did not offer, or several");
        }

        return selected;
    }

    public (IReadOnlyList<WebSocketExtension> Extensions, PerMessageDeflateParameters? Deflate) AcceptedExtensions(PerMessageDeflateOptions? offer)
    {
        IReadOnlyList<string> values = headers.GetValues(WebSocketHandshake.ExtensionsField);
        if (values.Count == 0)
        {
            return ([], null);
        }

        IReadOnlyList<WebSocketExtension> extensions;
        try
        {
            extensions = WebSocketExtensionParser.Parse(values);
        }
        catch (FormatException e)
        {
            throw Fail(WebSocketHandshakeError.MalformedExtensions, "Sec-WebSocket-Extensions is malformed (RFC 6455 §9.1)", e);
        }

        PerMessageDeflateParameters? deflate = null;
        foreach (WebSocketExtension extension in extensions)
        {
            // RFC 6455 §4.1 (5): "the use of an extension that was not present in the client's handshake" fails it.
            if (offer is null || !string.Equals(extension.Name, PerMessageDeflateOptions.ExtensionName, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail(WebSocketHandshakeError.UnexpectedExtension, $"the server selected the extension '{FieldSyntax.Printable(extension.Name)}', which was not offered");
            }

            // One offer was sent, so at most one element may accept it (RFC 7692 §5: the response has one element).
            if (deflate is not null)
            {
                throw Fail(WebSocketHandshakeError.DuplicateExtension, "the server selected permessage-deflate twice");
            }

            if (!PerMessageDeflateNegotiation.TryAccept(offer, extension, out deflate, out string? failure))
            {
                throw Fail(WebSocketHandshakeError.InvalidExtensionParameters, "permessage-deflate: " + failure);
            }
        }

        return (extensions, deflate);
    }

    private static bool Contains(IReadOnlyList<string> offered, string selected)
    {
        foreach (string protocol in offered)
        {
            if (string.Equals(protocol, selected, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // The non-empty elements of a comma-separated list field over all its lines (RFC 9110 §5.6.1).
    private List<string> ListElements(string name)
    {
        var elements = new List<string>();
        foreach (string value in headers.GetValues(name))
        {
            foreach (string element in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                elements.Add(element);
            }
        }

        return elements;
    }
}
