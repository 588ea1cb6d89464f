namespace Reqivo;

/// <summary>A redirect pointed back to a method and URL already requested in the same chain.</summary>
public sealed class RedirectLoopException : RedirectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The method of the repeated request.</param>
    /// <param name="statusCode">The redirect status received.</param>
    /// <param name="redactedLocation">The repeated target, with secrets removed.</param>
    public RedirectLoopException(string method, int statusCode, string redactedLocation)
        : base($"Redirect loop: {method} {redactedLocation} was already requested in this chain.", statusCode, redactedLocation)
    {
    }
}
