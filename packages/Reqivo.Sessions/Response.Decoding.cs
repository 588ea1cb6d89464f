using Reqivo.Internal;

namespace Reqivo;

/// <summary>Responses whose body the session decoded (Content-Encoding), made from the encoded one.</summary>
public sealed partial class Response
{
    /// <summary>The body bytes as received, or the content when streamed; used by the decoding stage.</summary>
    internal byte[]? BufferedBody => _body;

    internal ResponseContent? StreamedContent => _content;

    /// <summary>The same response with <paramref name="decoded"/> as its buffered body.</summary>
    internal Response WithBody(byte[] decoded) => new(this, decoded, null);

    /// <summary>The same response reading its body from <paramref name="decoded"/>, which now owns the connection.</summary>
    internal Response WithContent(ResponseContent decoded) => new(this, null, decoded);

    private Response(Response encoded, byte[]? body, ResponseContent? content)
        : this(encoded.Request, encoded.Uri, encoded.StatusCode, encoded.ReasonPhrase, encoded.Version, encoded.Headers, body)
    {
        _content = content;
        _trailers = encoded._trailers;
        History = encoded.History;
    }
}
