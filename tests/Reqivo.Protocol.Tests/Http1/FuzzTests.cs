using System;
using System.Collections.Generic;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// Mutated fixtures (fixed seed, so failures reproduce) either decode or fail with a <see cref="ProtocolException"/>;
/// never another exception, never a loop without progress. The outcome is also the same whole and split.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 4000;

    // Bytes that matter to the grammar, so mutations hit interesting paths far more often than uniform noise.
    private static readonly byte[] Interesting = "\r\n\t :;,0123456789aAfFzZ-\"/.HTTP"u8.ToArray();

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "CONNECT"];

    private static readonly Http1Limits SmallLimits = new()
    {
        MaxStatusLineLength = 40,
        MaxHeaderBytes = 120,
        MaxHeaderCount = 4,
        MaxChunkSizeLineLength = 12,
        MaxTrailerBytes = 30,
        MaxInterimResponses = 1,
    };

    [Fact]
    public void Mutated_responses_decode_or_fail_with_a_protocol_exception_identically_for_every_split()
    {
        var random = new Random(9112);
        int failures = 0;
        for (int i = 0; i < Iterations; i++)
        {
            ResponseFixture fixture = ResponseFixtures.All[random.Next(ResponseFixtures.All.Count)];
            byte[] input = Mutate(fixture.Bytes, random);
            string method = random.Next(4) == 0 ? Methods[random.Next(Methods.Length)] : fixture.Method;
            Http1Limits? limits = random.Next(4) == 0 ? SmallLimits : null;

            string whole = Outcome(() => ResponseDriver.Whole(input, method, limits), input);
            string pieces = Outcome(() => ResponseDriver.Run(ResponseSplitTests.RandomPieces(input, random), method, limits), input);
            string bytes = Outcome(() => ResponseDriver.ByteByByte(input, method, limits), input);

            Assert.True(whole == pieces && whole == bytes, $"Outcomes differ for '{ResponseDriver.Escape(input)}' ({method}):\n{whole}\n---\n{pieces}\n---\n{bytes}");
            failures += whole.StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
        }

        // The mutations must exercise both paths, or the test proves little.
        Assert.InRange(failures, Iterations / 10, Iterations * 9 / 10);
    }

    private static string Outcome(Func<Transcript> decode, byte[] input)
    {
        try
        {
            Transcript transcript = decode();
            return transcript.Text + "\nleftover " + ResponseDriver.Escape(transcript.Leftover);
        }
        catch (ProtocolException error)
        {
            return "error " + error.Error;
        }
        catch (Exception error) when (error is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"'{ResponseDriver.Escape(input)}' threw {error}");
            throw;
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int mutations = random.Next(1, 5);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            byte value = random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    int length = Math.Min(random.Next(1, 16), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.InsertRange(at, random.Next(2) == 0 ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
                    break;
            }
        }

        return [.. bytes];
    }
}
