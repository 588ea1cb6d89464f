using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Writes into a span sized in advance. The writers measure first and call
/// <see cref="IBufferWriter{T}.Advance"/> only after the whole span is filled, so a failure part-way
/// commits nothing to the output.
/// </summary>
internal ref struct WireSpanWriter
{
    private static readonly StandardFormat LowercaseHex = new('x');

    private readonly Span<byte> _span;
    private int _position;

    public WireSpanWriter(Span<byte> span)
    {
        _span = span;
        _position = 0;
    }

    /// <summary>The number of bytes written so far.</summary>
    public readonly int Position => _position;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Writes text already validated to be ASCII (a token, a target, a Host value).</summary>
    public void WriteAscii(string text)
    {
        if (Ascii.FromUtf16(text, _span[_position..], out int written) != OperationStatus.Done)
        {
            throw new InvalidOperationException("Text validated as ASCII did not fit or was not ASCII; nothing was committed to the output.");
        }

        _position += written;
    }

    /// <summary>Writes a field value as UTF-8 (its length was measured with the same encoding).</summary>
    public void WriteUtf8(string text) => _position += WireText.StrictUtf8.GetBytes(text, _span[_position..]);

    public void WriteDecimal(long value)
    {
        Utf8Formatter.TryFormat(value, _span[_position..], out int written);
        _position += written;
    }

    /// <summary>Writes a chunk-size: lowercase hexadecimal without leading zeros.</summary>
    public void WriteHex(ulong value)
    {
        Utf8Formatter.TryFormat(value, _span[_position..], out int written, LowercaseHex);
        _position += written;
    }

    public void WriteCrlf() => Write("\r\n"u8);

    /// <summary>Writes <c>name ": " value CRLF</c>; requests never use obs-fold (RFC 9112 §5.2).</summary>
    public void WriteFieldLine(HttpField field)
    {
        WriteAscii(field.Name);
        Write(": "u8);
        WriteUtf8(field.Value);
        WriteCrlf();
    }
}
