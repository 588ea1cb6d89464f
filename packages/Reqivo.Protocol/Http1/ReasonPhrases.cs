using System;
using System.Text;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// The reason phrases of RFC 9110 §15 as shared strings: when a server sends the standard phrase for its status
/// code (nearly always), the decoder hands out the shared string instead of allocating one.
/// </summary>
internal static class ReasonPhrases
{
    /// <summary>The reason phrase for <paramref name="statusCode"/> as sent in <paramref name="phrase"/>.</summary>
    public static string Get(int statusCode, ReadOnlySpan<byte> phrase)
    {
        if (phrase.IsEmpty)
        {
            return string.Empty;
        }

        string? standard = Standard(statusCode);
        return standard is not null && Ascii.Equals(phrase, standard) ? standard : FieldText.Decode(phrase);
    }

    private static string? Standard(int statusCode) => statusCode switch
    {
        100 => "Continue",
        101 => "Switching Protocols",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => null,
    };
}
