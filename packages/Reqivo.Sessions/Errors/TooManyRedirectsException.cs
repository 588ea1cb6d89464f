namespace Reqivo;

/// <summary>A redirect chain was longer than <see cref="SessionOptions.MaxRedirects"/> (or <see cref="Request.MaxRedirects"/>).</summary>
public sealed class TooManyRedirectsException : RedirectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="maxRedirects">The limit in force.</param>
    /// <param name="statusCode">The redirect status that would have exceeded it.</param>
    /// <param name="redactedLocation">The target it pointed to, with secrets removed.</param>
    public TooManyRedirectsException(int maxRedirects, int statusCode, string redactedLocation)
        : base($"More than {maxRedirects} redirects; the next one pointed to {redactedLocation}.", statusCode, redactedLocation)
    {
        MaxRedirects = maxRedirects;
    }

    /// <summary>The limit in force.</summary>
    public int MaxRedirects { get; }
}
