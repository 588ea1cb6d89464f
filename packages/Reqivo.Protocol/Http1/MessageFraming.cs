using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Decides, from a complete response head, what kind of head it is and how its body is delimited (RFC 9112 §6.3)
/// and whether the connection may be reused (RFC 9112 §9.3). A pure function of the head and the request method.
/// </summary>
internal static class MessageFraming
{
    /// <summary>What a response head means for the exchange.</summary>
    internal enum HeadKind
    {
        /// <summary>A 1xx other than 101: the final response follows.</summary>
        Interim,

        /// <summary>101, or 2xx to CONNECT: the connection now carries another protocol.</summary>
        Upgrade,

        /// <summary>The final response; its body follows as <see cref="Decision.Framing"/> says.</summary>
        Final,
    }

    /// <summary>Decides the framing of a response head.</summary>
    /// <exception cref="ProtocolException">Transfer-Encoding or Content-Length is invalid.</exception>
    public static Decision Decide(int statusCode, bool isHttp10, HttpHeaders headers, bool requestWasHead, bool requestWasConnect)
    {
        bool keepAlive = ConnectionAllowsReuse(headers, isHttp10);

        // RFC 9110 §15.2.2: after 101 the connection speaks the protocol the server switched to.
        if (statusCode == 101)
        {
            return new Decision(HeadKind.Upgrade, Http1BodyFraming.None, null, keepAlive: false);
        }

        // RFC 9110 §15.2: any other 1xx is interim and the final response follows on the same connection. An
        // invalid code below 100 is not interim: RFC 9110 §15 has it processed like a 5xx, a final response.
        if (statusCode is >= 100 and < 200)
        {
            return new Decision(HeadKind.Interim, Http1BodyFraming.None, null, keepAlive);
        }

        // RFC 9112 §6.3 (2), RFC 9110 §9.3.6: any 2xx to CONNECT turns the connection into a tunnel right after the
        // header section; fields that would frame a body are ignored.
        if (requestWasConnect && statusCode is >= 200 and < 300)
        {
            return new Decision(HeadKind.Upgrade, Http1BodyFraming.None, null, keepAlive: false);
        }

        // RFC 9112 §6.3 (1): responses to HEAD and 204/304 responses end with the header section, whatever their
        // Content-Length or Transfer-Encoding say.
        if (requestWasHead || statusCode is 204 or 304)
        {
            return new Decision(HeadKind.Final, Http1BodyFraming.None, null, keepAlive);
        }

        bool hasTransferEncoding = headers.IndexOf(HttpHeaderNames.TransferEncoding) >= 0;
        bool hasContentLength = headers.IndexOf(HttpHeaderNames.ContentLength) >= 0;
        if (hasTransferEncoding)
        {
            if (!FinalCodingIsChunked(headers))
            {
                // RFC 9112 §6.3 (4): in a response, a final coding other than chunked means the body ends at close.
                return new Decision(HeadKind.Final, Http1BodyFraming.CloseDelimited, null, keepAlive: false);
            }

            // RFC 9112 §6.3 (3): Transfer-Encoding overrides Content-Length, but the pair hints at smuggling or
            // response splitting, so this message is read and the connection closed after it. RFC 9112 §6.1: the
            // same holds for Transfer-Encoding in an HTTP/1.0 message, whose framing must be treated as faulty.
            bool reusable = keepAlive && !hasContentLength && !isHttp10;
            return new Decision(HeadKind.Final, Http1BodyFraming.Chunked, null, reusable);
        }

        if (hasContentLength)
        {
            // RFC 9112 §6.3 (5) and (6).
            return new Decision(HeadKind.Final, Http1BodyFraming.ContentLength, ParseContentLength(headers), keepAlive);
        }

        // RFC 9112 §6.3 (8): no framing at all means the body runs until the server closes the connection.
        return new Decision(HeadKind.Final, Http1BodyFraming.CloseDelimited, null, keepAlive: false);
    }

    /// <summary>
    /// RFC 9112 §9.3: a <c>close</c> connection option ends persistence; otherwise HTTP/1.1 persists and HTTP/1.0
    /// persists only with a <c>keep-alive</c> option (RFC 9112 §C.2.2).
    /// </summary>
    private static bool ConnectionAllowsReuse(HttpHeaders headers, bool isHttp10)
    {
        bool close = false;
        bool keepAlive = false;
        foreach (HttpField field in headers)
        {
            if (!IsNamed(field, HttpHeaderNames.Connection))
            {
                continue;
            }

            var options = new ListReader(field.Value);
            while (options.TryRead(out ReadOnlySpan<char> option))
            {
                close |= option.Equals("close", StringComparison.OrdinalIgnoreCase);
                keepAlive |= option.Equals("keep-alive", StringComparison.OrdinalIgnoreCase);
            }
        }

        return !close && (!isHttp10 || keepAlive);
    }

    /// <summary>
    /// Whether the last transfer coding, across every Transfer-Encoding line in order, is chunked. RFC 9112 §6.1:
    /// chunked must not be applied more than once and, in a response, a coding after chunked leaves the body
    /// undelimitable, so chunked anywhere but last is an error.
    /// </summary>
    private static bool FinalCodingIsChunked(HttpHeaders headers)
    {
        int codings = 0;
        bool lastIsChunked = false;
        bool seenChunked = false;
        foreach (HttpField field in headers)
        {
            if (!IsNamed(field, HttpHeaderNames.TransferEncoding))
            {
                continue;
            }

            var elements = new ListReader(field.Value);
            while (elements.TryRead(out ReadOnlySpan<char> element))
            {
                // RFC 9110 §5.6.1: empty list elements do not count.
                if (element.IsEmpty)
                {
                    continue;
                }

                // transfer-coding = token *( OWS ";" OWS transfer-parameter ) (RFC 9110 §10.1.4)
                int parameters = element.IndexOf(';');
                ReadOnlySpan<char> coding = (parameters < 0 ? element : element[..parameters]).Trim(" \t");
                if (!FieldSyntax.IsToken(coding))
                {
                    throw new ProtocolException(ProtocolError.InvalidTransferEncoding, "A Transfer-Encoding element is not a transfer coding (RFC 9110 §10.1.4).");
                }

                bool isChunked = coding.Equals("chunked", StringComparison.OrdinalIgnoreCase);
                if (isChunked && seenChunked)
                {
                    // RFC 9112 §6.1: a sender MUST NOT apply chunked more than once; the framing is unknowable.
                    throw new ProtocolException(ProtocolError.InvalidTransferEncoding, "The chunked transfer coding is applied more than once (RFC 9112 §6.1).");
                }

                // RFC 9112 §6.3 (4): chunked followed by another coding is allowed in a response; the body then
                // runs until the server closes the connection, which the caller learns from the false result.
                seenChunked |= isChunked;
                lastIsChunked = isChunked;
                codings++;
            }
        }

        if (codings == 0)
        {
            throw new ProtocolException(ProtocolError.InvalidTransferEncoding, "Transfer-Encoding names no transfer coding (RFC 9112 §6.1).");
        }

        return lastIsChunked;
    }

    /// <summary>
    /// RFC 9110 §8.6 and RFC 9112 §6.3 (5): every Content-Length value, across list elements and repeated lines,
    /// must be the same non-negative decimal number; anything else makes the framing unknowable.
    /// </summary>
    private static long ParseContentLength(HttpHeaders headers)
    {
        long length = -1;
        foreach (HttpField field in headers)
        {
            if (!IsNamed(field, HttpHeaderNames.ContentLength))
            {
                continue;
            }

            var elements = new ListReader(field.Value);
            while (elements.TryRead(out ReadOnlySpan<char> element))
            {
                if (!TryParseDecimal(element, out long value) || (length >= 0 && value != length))
                {
                    throw new ProtocolException(ProtocolError.InvalidContentLength, "Content-Length is not one non-negative decimal number (RFC 9110 §8.6).");
                }

                length = value;
            }
        }

        return length;
    }

    /// <summary>Parses <c>1*DIGIT</c> without sign or whitespace; false when empty, malformed or above <see cref="long.MaxValue"/>.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (char c in digits)
        {
            int digit = c - '0';
            if ((uint)digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static bool IsNamed(in HttpField field, string name) =>
        ReferenceEquals(field.Name, name) || string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The outcome of <see cref="Decide"/>.</summary>
    internal readonly struct Decision
    {
        public Decision(HeadKind kind, Http1BodyFraming framing, long? contentLength, bool keepAlive)
        {
            Kind = kind;
            Framing = framing;
            ContentLength = contentLength;
            KeepAlive = keepAlive;
        }

        public HeadKind Kind { get; }

        public Http1BodyFraming Framing { get; }

        public long? ContentLength { get; }

        public bool KeepAlive { get; }

        public bool IsUpgrade => Kind == HeadKind.Upgrade;
    }

    /// <summary>Reads the elements of a comma-separated list (RFC 9110 §5.6.1), trimmed of OWS; empty elements included.</summary>
    private ref struct ListReader
    {
        private ReadOnlySpan<char> _rest;
        private bool _done;

        public ListReader(string value)
        {
            _rest = value;
        }

        public bool TryRead(out ReadOnlySpan<char> element)
        {
            if (_done)
            {
                element = default;
                return false;
            }

            int comma = _rest.IndexOf(',');
            if (comma < 0)
            {
                element = _rest.Trim(" \t");
                _done = true;
                return true;
            }

            element = _rest[..comma].Trim(" \t");
            _rest = _rest[(comma + 1)..];
            return true;
        }
    }
}
