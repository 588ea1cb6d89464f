using System;

namespace Reqivo;

/// <summary>
/// A redirect the session refused to follow. The derived types say which rule: <see cref="TooManyRedirectsException"/>,
/// <see cref="RedirectLoopException"/>, <see cref="InsecureRedirectException"/>,
/// <see cref="RedirectBodyNotReplayableException"/>; this type itself is thrown for a <c>Location</c> that is not an
/// http or https URI. <see cref="ReqivoException.RequestUrl"/> is the (redacted) URL that answered with the redirect.
/// </summary>
public class RedirectException : ReqivoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, for people.</param>
    /// <param name="statusCode">The redirect status received.</param>
    /// <param name="redactedLocation">The resolved redirect target with secrets removed.</param>
    public RedirectException(string message, int statusCode, string redactedLocation)
        : base(message)
    {
        StatusCode = statusCode;
        Location = redactedLocation;
    }

    /// <summary>The redirect status received (301, 302, 303, 307 or 308).</summary>
    public int StatusCode { get; }

    /// <summary>The target of the refused redirect, with secrets removed.</summary>
    public string Location { get; }
}
