using System.Globalization;

namespace Reqivo;

/// <summary>Thrown by <see cref="Response.EnsureSuccess"/> when the status code is not 2xx.</summary>
public sealed class HttpStatusException : ReqivoException
{
    /// <summary>Creates the exception for a response whose status is not a success.</summary>
    /// <param name="statusCode">The status code received.</param>
    /// <param name="reasonPhrase">The reason phrase received.</param>
    /// <param name="method">The request method.</param>
    /// <param name="redactedUrl">The request URL with secrets removed.</param>
    public HttpStatusException(int statusCode, string reasonPhrase, string method, string redactedUrl)
        : base(string.Create(CultureInfo.InvariantCulture, $"{method} {redactedUrl} returned {statusCode} {reasonPhrase}").TrimEnd())
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        RequestMethod = method;
        RequestUrl = redactedUrl;
    }

    /// <summary>The status code received.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase received (possibly empty).</summary>
    public string ReasonPhrase { get; }
}
