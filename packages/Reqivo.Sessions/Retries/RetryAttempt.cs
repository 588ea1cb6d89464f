using System;

namespace Reqivo;

/// <summary>One attempt that failed in a way <see cref="RetryPolicy"/> retries, as its observer sees it.</summary>
public sealed class RetryAttempt
{
    internal RetryAttempt(string method, Uri uri, int attemptNumber, Exception? exception, int? statusCode, bool willRetry, TimeSpan delay)
    {
        Method = method;
        Uri = uri;
        AttemptNumber = attemptNumber;
        Exception = exception;
        StatusCode = statusCode;
        WillRetry = willRetry;
        Delay = delay;
    }

    /// <summary>The request method.</summary>
    public string Method { get; }

    /// <summary>The absolute URI requested.</summary>
    public Uri Uri { get; }

    /// <summary>The attempt that failed, 1 for the first.</summary>
    public int AttemptNumber { get; }

    /// <summary>The failure, or null when a response with a retryable status came back.</summary>
    public Exception? Exception { get; }

    /// <summary>The retryable status received, or null when the attempt failed with an exception.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether another attempt follows (false when the attempts ran out).</summary>
    public bool WillRetry { get; }

    /// <summary>The wait before the next attempt (zero when none follows).</summary>
    public TimeSpan Delay { get; }
}
