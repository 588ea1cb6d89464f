using System;

namespace Reqivo;

/// <summary>
/// The peer sent data that breaks the protocol. The <see cref="Error"/> says which rule; a connection
/// that produced this exception is never reused.
/// </summary>
public class ProtocolException : ReqivoException
{
    /// <summary>Creates an exception for the given broken rule.</summary>
    /// <param name="error">Which rule the peer broke.</param>
    /// <param name="message">What was wrong, for people.</param>
    public ProtocolException(ProtocolError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception for the given broken rule with the failure that revealed it.</summary>
    /// <param name="error">Which rule the peer broke.</param>
    /// <param name="message">What was wrong, for people.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ProtocolException(ProtocolError error, string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Which rule the peer broke.</summary>
    public ProtocolError Error { get; }
}
