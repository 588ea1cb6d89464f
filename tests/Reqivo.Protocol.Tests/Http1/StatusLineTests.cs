using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>The status line's values (RFC 9112 §4): every digit of the status code, and the reason phrase.</summary>
public sealed class StatusLineTests
{
    [Theory]
    [InlineData("100 Continue", 100)]
    [InlineData("226 IM Used", 226)]
    [InlineData("299 Custom", 299)]
    [InlineData("418 I'm a teapot", 418)]
    [InlineData("451 Unavailable For Legal Reasons", 451)]
    [InlineData("599 Network Connect Timeout", 599)]
    [InlineData("987 Extension", 987)]
    [InlineData("999 Highest", 999)]
    public void Every_digit_of_the_status_code_counts(string statusAndReason, int expected)
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        Http1EventKind kind = decoder.Decode(Encoding.ASCII.GetBytes($"HTTP/1.1 {statusAndReason}\r\nContent-Length: 0\r\n\r\n"), out _, out _);

        Assert.Equal(expected < 200 ? Http1EventKind.InterimResponse : Http1EventKind.ResponseHead, kind);
        Assert.Equal(expected, decoder.Head!.StatusCode);
        Assert.Equal(statusAndReason[4..], decoder.Head.ReasonPhrase);
    }

    /// <summary>The standard phrases of RFC 9110 §15, which the decoder hands out as shared strings.</summary>
    public static TheoryData<int, string> StandardPhrases => new()
    {
        { 100, "Continue" },
        { 101, "Switching Protocols" },
        { 103, "Early Hints" },
        { 200, "OK" },
        { 201, "Created" },
        { 202, "Accepted" },
        { 203, "Non-Authoritative Information" },
        { 204, "No Content" },
        { 205, "Reset Content" },
        { 206, "Partial Content" },
        { 300, "Multiple Choices" },
        { 301, "Moved Permanently" },
        { 302, "Found" },
        { 303, "See Other" },
        { 304, "Not Modified" },
        { 307, "Temporary Redirect" },
        { 308, "Permanent Redirect" },
        { 400, "Bad Request" },
        { 401, "Unauthorized" },
        { 403, "Forbidden" },
        { 404, "Not Found" },
        { 405, "Method Not Allowed" },
        { 406, "Not Acceptable" },
        { 407, "Proxy Authentication Required" },
        { 408, "Request Timeout" },
        { 409, "Conflict" },
        { 410, "Gone" },
        { 411, "Length Required" },
        { 412, "Precondition Failed" },
        { 413, "Content Too Large" },
        { 414, "URI Too Long" },
        { 415, "Unsupported Media Type" },
        { 416, "Range Not Satisfiable" },
        { 417, "Expectation Failed" },
        { 421, "Misdirected Request" },
        { 422, "Unprocessable Content" },
        { 425, "Too Early" },
        { 426, "Upgrade Required" },
        { 428, "Precondition Required" },
        { 429, "Too Many Requests" },
        { 431, "Request Header Fields Too Large" },
        { 500, "Internal Server Error" },
        { 501, "Not Implemented" },
        { 502, "Bad Gateway" },
        { 503, "Service Unavailable" },
        { 504, "Gateway Timeout" },
        { 505, "HTTP Version Not Supported" },
    };

    [Theory]
    [MemberData(nameof(StandardPhrases))]
    public void Every_standard_reason_phrase_is_one_shared_string(int statusCode, string phrase)
    {
        string first = ReasonPhraseOf($"HTTP/1.1 {statusCode} {phrase}\r\nContent-Length: 0\r\n\r\n");
        string second = ReasonPhraseOf($"HTTP/1.1 {statusCode} {phrase}\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(phrase, first);
        Assert.Same(first, second);
    }

    private static string ReasonPhraseOf(string response)
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        Http1EventKind kind = decoder.Decode(Encoding.ASCII.GetBytes(response), out _, out _);

        Assert.Contains(kind, new[] { Http1EventKind.InterimResponse, Http1EventKind.ResponseHead });
        return decoder.Head!.ReasonPhrase;
    }
}
