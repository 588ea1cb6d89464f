using System;
using System.Buffers;
using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// Property: any body, cut into any chunk sizes (including empty pieces), written through either
/// encoder path and decoded by an independent strict reader, comes back byte for byte with its trailers.
/// </summary>
public sealed class ChunkedRoundTripTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 1; seed <= 40; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_bodies_in_random_chunks_decode_to_the_same_bytes(int seed)
    {
        var random = new Random(seed);
        byte[] body = new byte[random.Next(0, 20_000)];
        random.NextBytes(body);
        HttpHeaders? trailers = RandomTrailers(random);
        var output = seed % 3 == 0 ? (IBufferWriter<byte>)new ChunkedTestSegmentWriter(random.Next(1, 64)) : new ArrayBufferWriter<byte>(16);

        int chunks = 0;
        for (int offset = 0; offset < body.Length;)
        {
            int size = Math.Min(body.Length - offset, random.Next(0, random.Next(1, 3) == 1 ? 40 : 5_000));
            ReadOnlySpan<byte> piece = body.AsSpan(offset, size);
            if (size > 0 && random.Next(2) == 0)
            {
                // The streaming path: header, data written by the caller, end.
                ChunkedEncoder.WriteChunkHeader(size, output);
                output.Write(piece);
                ChunkedEncoder.WriteChunkEnd(output);
            }
            else
            {
                ChunkedEncoder.WriteChunk(piece, output);
            }

            chunks += size > 0 ? 1 : 0;
            offset += size;
        }

        ChunkedEncoder.WriteLastChunk(trailers, output);

        byte[] encoded = output is ArrayBufferWriter<byte> array ? array.WrittenSpan.ToArray() : ((ChunkedTestSegmentWriter)output).WrittenBytes;
        (byte[] decoded, List<HttpField> decodedTrailers) = ChunkedTestReader.Decode(encoded);
        Assert.Equal(body, decoded);
        Assert.Equal(trailers is null ? [] : [.. trailers], decodedTrailers);
        Assert.True(encoded.Length >= body.Length + 5 + (chunks * 5));
    }

    [Fact]
    public void The_test_reader_rejects_what_the_encoder_must_never_produce()
    {
        Assert.ThrowsAny<Exception>(() => ChunkedTestReader.Decode("0A\r\n0123456789\r\n0\r\n\r\n"u8));
        Assert.ThrowsAny<Exception>(() => ChunkedTestReader.Decode("05\r\nhello\r\n0\r\n\r\n"u8));
        Assert.ThrowsAny<Exception>(() => ChunkedTestReader.Decode("5\r\nhello0\r\n\r\n"u8));
        Assert.ThrowsAny<Exception>(() => ChunkedTestReader.Decode("0\r\n\r\nextra"u8));
        Assert.ThrowsAny<Exception>(() => ChunkedTestReader.Decode("0\r\n"u8));
        Assert.Equal("hello"u8.ToArray(), ChunkedTestReader.Decode("5\r\nhello\r\n0\r\n\r\n"u8).Body);
    }

    private static HttpHeaders? RandomTrailers(Random random)
    {
        int count = random.Next(-1, 4);
        if (count < 0)
        {
            return null;
        }

        var trailers = new HttpHeaders();
        for (int i = 0; i < count; i++)
        {
            trailers.Add($"X-Trailer-{i}", random.Next(2) == 0 ? $"value-{random.Next()}" : "caf\u00E9 \u2713");
        }

        return trailers;
    }
}
