using System;

namespace Reqivo.TestServers;

/// <summary>
/// The deterministic body pattern served by the test hosts: byte <c>i</c> of a body is <c>i % 251</c>.
/// 251 is prime, so a body that was cut, duplicated or reordered at any power-of-two boundary no longer matches.
/// </summary>
public static class TestPayload
{
    /// <summary>The modulus of the pattern.</summary>
    public const int Period = 251;

    /// <summary>The byte at <paramref name="index"/> of every pattern body.</summary>
    public static byte ByteAt(long index) => (byte)(index % Period);

    /// <summary>The first <paramref name="length"/> bytes of the pattern.</summary>
    public static byte[] Create(int length)
    {
        var bytes = new byte[length];
        Fill(bytes, 0);
        return bytes;
    }

    /// <summary>Fills <paramref name="destination"/> with the pattern as it continues from <paramref name="offset"/>.</summary>
    public static void Fill(Span<byte> destination, long offset)
    {
        int value = (int)(offset % Period);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)value;
            value = value == Period - 1 ? 0 : value + 1;
        }
    }

    /// <summary>The index of the first byte of <paramref name="actual"/> that breaks the pattern continued from <paramref name="offset"/>, or -1.</summary>
    public static int IndexOfMismatch(ReadOnlySpan<byte> actual, long offset = 0)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] != ByteAt(offset + i))
            {
                return i;
            }
        }

        return -1;
    }
}
