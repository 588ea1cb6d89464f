using System;
using System.Buffers;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Serialises an HTTP/1.1 request head (RFC 9112 §3, §5, §6): the request line, <c>Host</c> first, the
/// caller's fields in order, the framing field derived from <see cref="Http1RequestHead.Framing"/>, and the
/// empty line that ends the head.
/// </summary>
/// <remarks>
/// <para>
/// Validation comes first and writing second: when any rule fails the method throws an
/// <see cref="ArgumentException"/> and nothing has been written to the output.
/// </para>
/// <para>
/// Method, target, Host and field names are ASCII by construction. Field values are written as UTF-8;
/// RFC 9110 §5.5 lets a recipient treat such octets as opaque data, so send non-ASCII only to peers that
/// expect UTF-8. A value holding an unpaired surrogate is refused rather than altered.
/// </para>
/// <para>
/// The head is written in one piece into <see cref="IBufferWriter{T}.GetSpan"/> and allocates nothing.
/// </para>
/// </remarks>
public static class Http1RequestWriter
{
    // " HTTP/1.1\r\n" after the target (RFC 9112 §3: request-line = method SP request-target SP HTTP-version).
    private static ReadOnlySpan<byte> VersionAndCrlf => " HTTP/1.1\r\n"u8;

    private static ReadOnlySpan<byte> HostPrefix => "Host: "u8;

    private static ReadOnlySpan<byte> ContentLengthPrefix => "Content-Length: "u8;

    private static ReadOnlySpan<byte> ChunkedField => "Transfer-Encoding: chunked\r\n"u8;

    /// <summary>Writes the head of <paramref name="head"/> to <paramref name="output"/>.</summary>
    /// <param name="head">The request head.</param>
    /// <param name="output">Where the bytes go; advanced by exactly the returned count.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">
    /// <see cref="Http1RequestHead.Headers"/> holds <c>Host</c>, <c>Content-Length</c> or
    /// <c>Transfer-Encoding</c>, or a value holds an unpaired surrogate. Nothing was written.
    /// </exception>
    public static int Write(Http1RequestHead head, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(output);

        int length = Measure(head);
        var writer = new WireSpanWriter(output.GetSpan(length));

        ReadOnlySpan<byte> knownMethod = Http1Methods.KnownUtf8(head.Method);
        if (knownMethod.IsEmpty)
        {
            writer.WriteAscii(head.Method);
        }
        else
        {
            writer.Write(knownMethod);
        }

        writer.Write(" "u8);
        writer.WriteAscii(head.Target.Value);
        writer.Write(VersionAndCrlf);

        // RFC 9112 §3.2: a client MUST send Host, and SHOULD send it as the first field.
        writer.Write(HostPrefix);
        writer.WriteAscii(head.Host);
        writer.WriteCrlf();

        foreach (HttpField field in head.Headers)
        {
            writer.WriteFieldLine(field);
        }

        RequestFraming framing = head.Framing;
        switch (framing.Kind)
        {
            case RequestFramingKind.ContentLength:
                // RFC 9112 §6.2
                writer.Write(ContentLengthPrefix);
                writer.WriteDecimal(framing.Length);
                writer.WriteCrlf();
                break;
            case RequestFramingKind.Chunked:
                // RFC 9112 §6.1, §7.1
                writer.Write(ChunkedField);
                break;
        }

        writer.WriteCrlf();

        if (writer.Position != length)
        {
            throw new InvalidOperationException($"The request head measured {length} bytes but {writer.Position} were produced; nothing was committed to the output.");
        }

        output.Advance(length);
        return length;
    }

    private static int Measure(Http1RequestHead head)
    {
        long length = head.Method.Length + 1L + head.Target.Value.Length + VersionAndCrlf.Length
            + HostPrefix.Length + head.Host.Length + 2;

        foreach (HttpField field in head.Headers)
        {
            RejectWriterOwnedField(field.Name, nameof(head));
            length += WireText.FieldLineLength(field, nameof(head));
        }

        RequestFraming framing = head.Framing;
        length += framing.Kind switch
        {
            RequestFramingKind.ContentLength => ContentLengthPrefix.Length + WireText.DecimalLength(framing.Length) + 2,
            RequestFramingKind.Chunked => ChunkedField.Length,
            _ => 0,
        };
        length += 2;

        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"The request head would be {length} bytes, more than a single buffer can hold.", nameof(head));
        }

        return (int)length;
    }

    private static void RejectWriterOwnedField(string name, string paramName)
    {
        // Two sources for Host or for framing are how requests get smuggled or misrouted
        // (RFC 9112 §6.1, §6.3, §11.2): the writer alone emits these, from Host and Framing.
        string? owner =
            name.Equals(HttpHeaderNames.Host, StringComparison.OrdinalIgnoreCase) ? nameof(Http1RequestHead.Host)
            : name.Equals(HttpHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase) ? nameof(Http1RequestHead.Framing)
            : name.Equals(HttpHeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase) ? nameof(Http1RequestHead.Framing)
            : null;

        if (owner is not null)
        {
            throw new ArgumentException(
                $"Headers must not contain the '{name}' field: the writer emits it from Http1RequestHead.{owner}, so a request can never carry two conflicting values (RFC 9112 §3.2, §6).",
                paramName);
        }
    }
}
