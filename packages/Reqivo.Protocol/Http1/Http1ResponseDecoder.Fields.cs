using System;

namespace Reqivo.Protocol.Http1;

/// <summary>Field lines of the header and trailer sections (RFC 9112 §5, §7.1.2).</summary>
public sealed partial class Http1ResponseDecoder
{
    private void StartFieldSection()
    {
        _sectionBytes = 0;
        _fields = new HttpHeaders(_fieldCapacity);
    }

    private void StartTrailerSection()
    {
        _sectionBytes = 0;
        _trailerFields = null;
    }

    /// <summary>
    /// Consumes complete field lines at <paramref name="position"/> until the empty line that ends the section.
    /// </summary>
    /// <returns>Whether the section ended; false when the input ran out first (the lines read so far are kept).</returns>
    private bool ReadFieldSection(ReadOnlySpan<byte> input, ref int position, bool trailers)
    {
        int limit = trailers ? Limits.MaxTrailerBytes : Limits.MaxHeaderBytes;
        string limitName = trailers ? nameof(Http1Limits.MaxTrailerBytes) : nameof(Http1Limits.MaxHeaderBytes);
        while (true)
        {
            int length = Http1Lines.FindLineLength(
                input[position..], limit - _sectionBytes, limitName, limit, trailers ? "The trailer section" : "The header section");
            if (length < 0)
            {
                return false;
            }

            ReadOnlySpan<byte> line = Http1Lines.Content(input.Slice(position, length));
            position += length;
            _sectionBytes += length;
            if (line.IsEmpty)
            {
                return true;
            }

            AddFieldLine(trailers ? (_trailerFields ??= new HttpHeaders(4)) : _fields!, line, trailers);
        }
    }

    /// <summary>field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).</summary>
    private void AddFieldLine(HttpHeaders target, ReadOnlySpan<byte> line, bool trailers)
    {
        // RFC 9112 §5.2: a line starting with whitespace continues the previous field (obsolete line folding). A
        // user agent MUST replace each obs-fold with one or more SP before interpreting the value.
        if (Http1Lines.IsWhitespace(line[0]))
        {
            if (target.Count == 0)
            {
                throw new ProtocolException(ProtocolError.InvalidLineFolding, "A continuation line (obsolete line folding) has no field before it (RFC 9112 §5.2).");
            }

            ReadOnlySpan<byte> continuation = ValidatedValue(line);
            if (!continuation.IsEmpty)
            {
                target.AppendToLast(FieldText.Decode(continuation));
            }

            return;
        }

        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            throw new ProtocolException(ProtocolError.InvalidFieldLine, "A field line has no colon (RFC 9112 §5).");
        }

        ReadOnlySpan<byte> name = line[..colon];

        // RFC 9112 §5.1: no whitespace is allowed between the field name and the colon; a response carrying it
        // MUST have it removed or be rejected, and parsers that disagree on it are a smuggling vector.
        if (!name.IsEmpty && Http1Lines.IsWhitespace(name[^1]))
        {
            throw new ProtocolException(ProtocolError.InvalidFieldLine, "A field name is followed by whitespace before the colon (RFC 9112 §5.1).");
        }

        if (!FieldSyntax.IsToken(name))
        {
            throw new ProtocolException(ProtocolError.InvalidFieldName, "A field name is empty or not a token (RFC 9110 §5.1).");
        }

        ReadOnlySpan<byte> value = ValidatedValue(line[(colon + 1)..]);
        if (target.Count >= Limits.MaxHeaderCount)
        {
            throw new ProtocolLimitExceededException(
                nameof(Http1Limits.MaxHeaderCount), Limits.MaxHeaderCount, trailers ? "The number of trailer fields" : "The number of header fields");
        }

        string nameText;
        string valueText;
        if (KnownHeaderTable.TryGetIndex(name, out int known))
        {
            nameText = KnownHeaderTable.NameAt(known);
            valueText = _valueCache.GetOrAdd(known, value);
        }
        else
        {
            nameText = FieldText.DecodeToken(name);
            valueText = FieldText.Decode(value);
        }

        // RFC 9110 §6.5.1: fields that frame or route the message cannot arrive in a trailer section; accepting
        // them there would let the trailer rewrite what the head already settled.
        if (trailers && IsForbiddenInTrailers(nameText))
        {
            throw new ProtocolException(ProtocolError.InvalidTrailer, "A trailer section carries a field that frames or routes the message (RFC 9110 §6.5.1).");
        }

        target.AddUnchecked(nameText, valueText);
    }

    /// <summary>The field value without surrounding OWS (RFC 9112 §5), after checking its characters (RFC 9110 §5.5).</summary>
    private static ReadOnlySpan<byte> ValidatedValue(ReadOnlySpan<byte> raw)
    {
        ReadOnlySpan<byte> value = Http1Lines.TrimWhitespace(raw);
        if (FieldSyntax.IndexOfInvalidValueByte(value) >= 0)
        {
            throw new ProtocolException(ProtocolError.InvalidFieldValue, "A field value contains a control character (RFC 9110 §5.5).");
        }

        return value;
    }

    // Names of well-known fields are always the canonical strings of KnownHeaderTable, so identity is enough.
    private static bool IsForbiddenInTrailers(string name) =>
        ReferenceEquals(name, HttpHeaderNames.ContentLength)
        || ReferenceEquals(name, HttpHeaderNames.TransferEncoding)
        || ReferenceEquals(name, HttpHeaderNames.Host);

}
