using System;

namespace Reqivo.Authentication;

/// <summary>
/// Thrown when a server's challenge cannot be answered with the request as it is, for example a Digest challenge that
/// only offers <c>qop=auth-int</c> for a request whose content is streamed and so cannot be hashed in advance.
/// </summary>
public sealed class AuthenticationException : ReqivoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public AuthenticationException()
        : base("The authentication challenge cannot be answered.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What went wrong, for people.</param>
    public AuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="innerException">The underlying failure.</param>
    public AuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
