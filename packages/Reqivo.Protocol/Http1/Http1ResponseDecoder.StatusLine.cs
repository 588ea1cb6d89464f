using System;
using System.Net;

namespace Reqivo.Protocol.Http1;

/// <summary>The status line (RFC 9112 §4).</summary>
public sealed partial class Http1ResponseDecoder
{
    private enum LineResult
    {
        NeedMoreData,
        SkippedEmptyLine,
        Parsed,
    }

    private void StartStatusLine()
    {
        _sectionBytes = 0;
        _version = null;
        _statusCode = 0;
        _reasonPhrase = string.Empty;
    }

    /// <summary>Consumes one line at <paramref name="position"/>: an empty line before the status line, or the status line.</summary>
    private LineResult ReadStatusLine(ReadOnlySpan<byte> input, ref int position)
    {
        int limit = Limits.MaxStatusLineLength;
        int length = Http1Lines.FindLineLength(input[position..], limit - _sectionBytes, nameof(Http1Limits.MaxStatusLineLength), limit, "The status line");
        if (length < 0)
        {
            return LineResult.NeedMoreData;
        }

        ReadOnlySpan<byte> line = Http1Lines.Content(input.Slice(position, length));
        position += length;
        _sectionBytes += length;

        // RFC 9112 §2.2: robustness against empty lines before the start line (a previous message's extra CRLF).
        // They count against MaxStatusLineLength, so they cannot go on forever.
        if (line.IsEmpty)
        {
            return LineResult.SkippedEmptyLine;
        }

        ParseStatusLine(line);
        return LineResult.Parsed;
    }

    /// <summary>status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4).</summary>
    private void ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // RFC 9112 §2.3: HTTP-version = HTTP-name "/" DIGIT "." DIGIT, and HTTP-name is case-sensitive.
        if (line.Length < 8 || !line.StartsWith("HTTP/"u8) || !IsDigit(line[5]) || line[6] != (byte)'.' || !IsDigit(line[7]))
        {
            throw new ProtocolException(ProtocolError.InvalidStatusLine, "The status line does not start with an HTTP version (RFC 9112 §4).");
        }

        // RFC 9110 §2.5: a 1.x response with x above 1 is understood as the highest 1.x version we speak.
        if (line[5] != (byte)'1')
        {
            throw new ProtocolException(ProtocolError.UnsupportedVersion, "The response is not HTTP/1.x (RFC 9112 §2.3).");
        }

        if (line.Length == 8 || line[8] != Http1Lines.SP)
        {
            throw new ProtocolException(ProtocolError.InvalidStatusLine, "The HTTP version is not followed by a single space (RFC 9112 §4).");
        }

        _version = line[7] == (byte)'0' ? HttpVersion.Version10 : HttpVersion.Version11;

        // RFC 9112 §4: status-code = 3DIGIT. RFC 9110 §15: a code outside 100..599 is invalid, and a client SHOULD
        // process it as a 5xx, so any three digits are accepted and such a response is framed as a final one.
        ReadOnlySpan<byte> rest = line[9..];
        if (rest.Length < 3 || !IsDigit(rest[0]) || !IsDigit(rest[1]) || !IsDigit(rest[2])
            || (rest.Length > 3 && rest[3] != Http1Lines.SP))
        {
            throw new ProtocolException(ProtocolError.InvalidStatusCode, "The status code is not three digits (RFC 9112 §4).");
        }

        _statusCode = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');

        // RFC 9112 §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ); it may be absent, with or without its SP.
        ReadOnlySpan<byte> reason = rest.Length > 3 ? rest[4..] : default;
        if (FieldSyntax.IndexOfInvalidValueByte(reason) >= 0)
        {
            throw new ProtocolException(ProtocolError.InvalidStatusLine, "The reason phrase contains a control character (RFC 9112 §4).");
        }

        _reasonPhrase = ReasonPhrases.Get(_statusCode, reason);
    }

    private static bool IsDigit(byte value) => (uint)(value - '0') <= 9;
}
