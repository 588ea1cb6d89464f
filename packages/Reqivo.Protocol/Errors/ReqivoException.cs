using System;

namespace Reqivo;

/// <summary>
/// The root of every exception Reqivo throws for a failed exchange. Caller cancellation is not one of
/// them: it stays an <see cref="OperationCanceledException"/>, and invalid arguments stay
/// <see cref="ArgumentException"/>s thrown before any byte is sent.
/// </summary>
/// <remarks>
/// Layers above the codec fill in <see cref="RequestMethod"/> and <see cref="RequestUrl"/>; the URL is
/// always redacted (no user information, no query values that look like secrets) before it is stored here.
/// Messages are for people and are not part of the API: test the exception type and its properties.
/// </remarks>
public class ReqivoException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public ReqivoException()
        : base("The HTTP exchange failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong, for people.</param>
    public ReqivoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ReqivoException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The method of the request that failed, when known. Set by the layer that knows the request.</summary>
    public string? RequestMethod { get; set; }

    /// <summary>The redacted URL of the request that failed, when known. Set by the layer that knows the request; never a URL with secrets.</summary>
    public string? RequestUrl { get; set; }
}
