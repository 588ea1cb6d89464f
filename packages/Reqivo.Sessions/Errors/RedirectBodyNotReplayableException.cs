namespace Reqivo;

/// <summary>
/// A redirect that keeps the method and content (307, 308, or 301/302 for a method other than POST) could not be
/// followed because the request body can be sent only once (<see cref="RequestBody.IsReplayable"/> is false).
/// Nothing was sent to the new target: a truncated or empty body is never sent instead.
/// </summary>
public sealed class RedirectBodyNotReplayableException : RedirectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The redirect status received.</param>
    /// <param name="redactedLocation">The target, with secrets removed.</param>
    public RedirectBodyNotReplayableException(int statusCode, string redactedLocation)
        : base($"The {statusCode} redirect to {redactedLocation} requires sending the body again, and it is not replayable.", statusCode, redactedLocation)
    {
    }
}
