using System;

namespace Reqivo;

/// <summary>
/// The connection failed during an exchange: it was reset, closed, or an I/O error occurred after it was
/// established. <see cref="ResponseStarted"/> tells whether any byte of the response had arrived.
/// </summary>
public sealed class ConnectionFailedException : ReqivoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, for people.</param>
    /// <param name="responseStarted">Whether any byte of the response had arrived.</param>
    /// <param name="innerException">The underlying I/O failure.</param>
    public ConnectionFailedException(string message, bool responseStarted, Exception? innerException)
        : base(message, innerException)
    {
        ResponseStarted = responseStarted;
    }

    /// <summary>Whether any byte of the response had arrived when the connection failed.</summary>
    public bool ResponseStarted { get; }
}
