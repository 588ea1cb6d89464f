using System;
using System.Collections.Generic;
using System.Text;

namespace Reqivo.Protocol.WebSockets;

/// <summary>One element of a Sec-WebSocket-Extensions field: an extension token and its parameters (RFC 6455 §9.1).</summary>
public sealed class WebSocketExtension
{
    /// <summary>Creates an extension element.</summary>
    /// <param name="name">The extension token.</param>
    /// <param name="parameters">The parameters in the order they were sent.</param>
    public WebSocketExtension(string name, IReadOnlyList<WebSocketExtensionParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Parameters = parameters;
    }

    /// <summary>The extension token, for example <c>permessage-deflate</c>.</summary>
    public string Name { get; }

    /// <summary>The parameters in the order they were sent; a name may repeat (the extension decides whether that is allowed).</summary>
    public IReadOnlyList<WebSocketExtensionParameter> Parameters { get; }

    /// <summary>The element as it would be written in a field value, for example <c>permessage-deflate; server_max_window_bits=10</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name);
        foreach (WebSocketExtensionParameter parameter in Parameters)
        {
            text.Append("; ").Append(parameter.ToString());
        }

        return text.ToString();
    }
}

/// <summary>One extension parameter: a token name with an optional value, already unquoted (RFC 6455 §9.1).</summary>
public sealed class WebSocketExtensionParameter
{
    /// <summary>Creates a parameter.</summary>
    /// <param name="name">The parameter token.</param>
    /// <param name="value">The value (a token after unquoting), or null when the parameter has none.</param>
    public WebSocketExtensionParameter(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Value = value;
    }

    /// <summary>The parameter token.</summary>
    public string Name { get; }

    /// <summary>The value with any quoting removed, or null when the parameter has none.</summary>
    public string? Value { get; }

    /// <summary>The parameter as written in a field value: <c>name</c> or <c>name=value</c>.</summary>
    public override string ToString() => Value is null ? Name : Name + "=" + Value;
}
