using System;
using System.Globalization;

namespace Reqivo;

/// <summary>The whole exchange took longer than <see cref="Timeouts.Total"/>.</summary>
public sealed class TotalTimeoutException : ReqivoTimeoutException
{
    /// <summary>Creates the exception for the limit that was exceeded.</summary>
    /// <param name="timeout">The total timeout in force.</param>
    /// <param name="method">The request method.</param>
    /// <param name="redactedUrl">The request URL with secrets removed.</param>
    public TotalTimeoutException(TimeSpan timeout, string method, string redactedUrl)
        : base(string.Create(CultureInfo.InvariantCulture, $"{method} {redactedUrl} did not complete within the total timeout of {timeout.TotalMilliseconds} ms."), timeout)
    {
        RequestMethod = method;
        RequestUrl = redactedUrl;
    }
}
