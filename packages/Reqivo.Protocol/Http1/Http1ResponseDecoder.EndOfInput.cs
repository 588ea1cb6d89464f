using System.Globalization;

namespace Reqivo.Protocol.Http1;

/// <summary>What was missing when the peer closed too early (RFC 9112 §8).</summary>
public sealed partial class Http1ResponseDecoder
{
    private string DescribeIncomplete() => _phase switch
    {
        Phase.StatusLine when !_hasReceivedBytes => "before any byte of the response",
        Phase.StatusLine when _interimResponses > 0 => string.Create(CultureInfo.InvariantCulture, $"in the status line after {_interimResponses} interim responses"),
        Phase.StatusLine => "in the status line",
        Phase.HeaderFields => string.Create(CultureInfo.InvariantCulture, $"in the header section after {_fields!.Count} field lines"),
        Phase.FixedLengthBody => string.Create(CultureInfo.InvariantCulture, $"after {_bodyBytesReceived} of {Head!.ContentLength} body bytes"),
        Phase.ChunkSizeLine => string.Create(CultureInfo.InvariantCulture, $"before a chunk-size line, after {_bodyBytesReceived} body bytes"),
        Phase.ChunkData => string.Create(CultureInfo.InvariantCulture, $"after {_chunkSize - _remaining} of {_chunkSize} bytes of a chunk, {_bodyBytesReceived} body bytes in all"),
        Phase.ChunkDataEnd => string.Create(CultureInfo.InvariantCulture, $"before the CRLF after a chunk, after {_bodyBytesReceived} body bytes"),
        _ => "in the trailer section",
    };
}
