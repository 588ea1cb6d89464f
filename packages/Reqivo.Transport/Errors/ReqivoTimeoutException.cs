using System;

namespace Reqivo;

/// <summary>
/// The common base of every Reqivo timeout: connect, read, write, pool and total timeouts all derive from it,
/// so <c>catch (ReqivoTimeoutException)</c> handles any of them. <see cref="Timeout"/> is the limit that was exceeded.
/// </summary>
/// <remarks>
/// A timeout is never reported as <see cref="OperationCanceledException"/>: that exception is reserved for the
/// caller's own cancellation token. Packages above Reqivo.Transport derive their own timeouts from this class.
/// </remarks>
public abstract class ReqivoTimeoutException : ReqivoException
{
    /// <summary>Creates a timeout exception.</summary>
    /// <param name="message">What timed out, for people.</param>
    /// <param name="timeout">The limit that was exceeded.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected ReqivoTimeoutException(string message, TimeSpan timeout, Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}
