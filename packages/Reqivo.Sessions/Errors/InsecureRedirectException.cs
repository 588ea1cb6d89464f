namespace Reqivo;

/// <summary>
/// A redirect from https to http was refused: following it would send the request (and expose the response) in the
/// clear. Allow it with <see cref="SessionOptions.AllowHttpsToHttpRedirects"/>.
/// </summary>
public sealed class InsecureRedirectException : RedirectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The redirect status received.</param>
    /// <param name="redactedLocation">The http target, with secrets removed.</param>
    public InsecureRedirectException(int statusCode, string redactedLocation)
        : base($"Refused a redirect from https to {redactedLocation}.", statusCode, redactedLocation)
    {
    }
}
