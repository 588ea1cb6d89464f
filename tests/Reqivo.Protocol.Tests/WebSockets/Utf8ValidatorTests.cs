using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Unicode;
using Reqivo.Protocol.WebSockets;
using Reqivo.Tests;

namespace Reqivo.Protocol.Tests.WebSockets;

public sealed class Utf8ValidatorTests
{
    public static IEnumerable<object[]> Sequences()
    {
        if (TestVectors.Root is null)
        {
            yield break;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("websocket/utf8-sequences.json")));
        foreach (JsonElement sequence in document.RootElement.GetProperty("sequences").EnumerateArray())
        {
            yield return [sequence.GetProperty("id").GetString()!, sequence.GetProperty("valid").GetBoolean(), sequence.GetProperty("payload_hex").GetString()!];
        }
    }

    /// <summary>
    /// The index of the first byte after which no continuation makes the bytes valid UTF-8, or -1: found with the BCL's
    /// decoder told that more input may follow, which answers NeedMoreData for a valid but incomplete prefix.
    /// </summary>
    private static int FirstImpossibleByte(byte[] bytes)
    {
        char[] output = new char[bytes.Length + 1];
        for (int length = 1; length <= bytes.Length; length++)
        {
            OperationStatus status = Utf8.ToUtf16(bytes.AsSpan(0, length), output, out _, out _, replaceInvalidSequences: false, isFinalBlock: false);
            if (status == OperationStatus.InvalidData)
            {
                return length - 1;
            }
        }

        return -1;
    }

    [Fact]
    public void The_vector_file_is_read()
    {
        if (TestVectors.Root is not null)
        {
            Assert.Equal(132, new List<object[]>(Sequences()).Count);
        }
    }

    [VectorTheory]
    [MemberData(nameof(Sequences))]
    public void Judges_every_autobahn_sequence_whole(string id, bool valid, string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        var validator = new Utf8Validator();

        bool accepted = validator.Append(bytes) && validator.Complete();

        Assert.True(valid == accepted, $"sequence {id}");
        Assert.Equal(valid, Utf8Validator.IsValid(bytes));
    }

    [VectorTheory]
    [MemberData(nameof(Sequences))]
    public void Judges_every_autobahn_sequence_split_at_every_position(string id, bool valid, string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        var validator = new Utf8Validator();
        for (int split = 0; split <= bytes.Length; split++)
        {
            bool accepted = validator.Append(bytes.AsSpan(0, split)) & validator.Append(bytes.AsSpan(split));
            accepted &= validator.Complete();

            Assert.True(valid == accepted, $"sequence {id} split at {split}");
        }
    }

    [VectorTheory]
    [MemberData(nameof(Sequences))]
    public void Fails_on_the_first_impossible_byte_when_fed_byte_by_byte(string id, bool valid, string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        int expectedFailure = FirstImpossibleByte(bytes);
        var validator = new Utf8Validator();

        int failure = -1;
        for (int i = 0; i < bytes.Length && failure < 0; i++)
        {
            if (!validator.Append(bytes.AsSpan(i, 1)))
            {
                failure = i;
            }
        }

        Assert.True(expectedFailure == failure, $"sequence {id}: failed at {failure}, first impossible byte {expectedFailure}");
        if (failure >= 0)
        {
            Assert.False(valid);
            Assert.True(validator.IsInvalid);
            Assert.Equal(failure + 1, validator.BytesValidated);
        }
        else
        {
            // Every byte could still lead to valid UTF-8: only the end of the message can tell.
            Assert.Equal(valid, validator.Complete());
        }
    }

    [Theory]
    [InlineData("c0 80", 0)]          // C0 is always overlong
    [InlineData("c1 bf", 0)]
    [InlineData("e0 9f bf", 1)]       // overlong three-byte form of U+07FF
    [InlineData("e0 a0 80", -1)]      // U+0800, the first three-byte code point
    [InlineData("ed a0 80", 1)]       // U+D800, a surrogate
    [InlineData("ed 9f bf", -1)]      // U+D7FF
    [InlineData("ee 80 80", -1)]      // U+E000
    [InlineData("f0 8f bf bf", 1)]    // overlong four-byte form of U+FFFF
    [InlineData("f0 90 80 80", -1)]   // U+10000
    [InlineData("f4 8f bf bf", -1)]   // U+10FFFF
    [InlineData("f4 90 80 80", 1)]    // U+110000
    [InlineData("f5 80 80 80", 0)]
    [InlineData("ff", 0)]
    [InlineData("80", 0)]             // a continuation byte with no lead
    [InlineData("41 bf", 1)]
    [InlineData("c2 41", 1)]          // a lead byte followed by ASCII
    [InlineData("e1 80 41", 2)]
    [InlineData("f1 80 80 41", 3)]
    [InlineData("df bf", -1)]
    [InlineData("ef bf bf", -1)]
    [InlineData("f3 bf bf bf", -1)]
    public void Finds_the_first_impossible_byte_of_edge_cases(string hex, int expectedFailure)
    {
        byte[] bytes = Wire.Hex(hex);
        Assert.Equal(expectedFailure, FirstImpossibleByte(bytes));

        var validator = new Utf8Validator();
        int failure = -1;
        for (int i = 0; i < bytes.Length && failure < 0; i++)
        {
            failure = validator.Append(bytes.AsSpan(i, 1)) ? -1 : i;
        }

        Assert.Equal(expectedFailure, failure);
        Assert.Equal(expectedFailure < 0, Utf8Validator.IsValid(bytes));
    }

    [Fact]
    public void An_incomplete_sequence_is_valid_so_far_but_fails_at_the_end()
    {
        var validator = new Utf8Validator();

        Assert.True(validator.Append(Wire.Hex("41 e2 82")));
        Assert.False(validator.IsAtCodePointBoundary);
        Assert.False(validator.IsInvalid);
        Assert.False(validator.Complete());
    }

    [Fact]
    public void A_sequence_completed_in_the_next_piece_is_valid()
    {
        var validator = new Utf8Validator();

        Assert.True(validator.Append(Wire.Hex("f0 a4")));
        Assert.True(validator.Append(Wire.Hex("ad")));
        Assert.False(validator.IsAtCodePointBoundary);
        Assert.True(validator.Append(Wire.Hex("a2 41")));
        Assert.True(validator.IsAtCodePointBoundary);
        Assert.Equal(5, validator.BytesValidated);
        Assert.True(validator.Complete());
    }

    [Fact]
    public void Once_invalid_every_later_piece_is_refused_until_reset()
    {
        var validator = new Utf8Validator();

        Assert.False(validator.Append(Wire.Hex("41 42 ff 43")));
        Assert.Equal(3, validator.BytesValidated);
        Assert.False(validator.Append("valid"u8));
        Assert.Equal(3, validator.BytesValidated);

        validator.Reset();
        Assert.False(validator.IsInvalid);
        Assert.Equal(0, validator.BytesValidated);
        Assert.True(validator.Append("valid"u8));
        Assert.True(validator.Complete());
    }

    [Fact]
    public void Complete_resets_for_the_next_message()
    {
        var validator = new Utf8Validator();
        validator.Append(Wire.Hex("e2 82"));
        Assert.False(validator.Complete());

        Assert.True(validator.IsAtCodePointBoundary);
        Assert.Equal(0, validator.BytesValidated);
        Assert.True(validator.Append("ok"u8));
        Assert.True(validator.Complete());
    }

    [Theory]
    [InlineData("f0", "c2 80")] // F0 narrows the next byte to 90–BF
    [InlineData("f4", "c2 bf")] // F4 narrows it to 80–8F
    [InlineData("e0", "e1 80 80")]
    [InlineData("ed", "e1 bf bf")]
    public void Reset_forgets_the_range_a_lead_byte_set(string unfinished, string next)
    {
        var validator = new Utf8Validator();
        Assert.True(validator.Append(Wire.Hex(unfinished)));
        Assert.False(validator.Complete());

        Assert.True(validator.Append(Wire.Hex(next)));
        Assert.True(validator.Complete());

        Assert.True(validator.Append(Wire.Hex(unfinished)));
        validator.Reset();
        Assert.True(validator.Append(Wire.Hex(next)));
        Assert.True(validator.Complete());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Long_ascii_runs_around_an_invalid_byte_fail_at_that_byte(int asciiBefore)
    {
        byte[] bytes = new byte[asciiBefore + 1 + 100];
        bytes.AsSpan().Fill((byte)'a');
        bytes[asciiBefore] = 0xC0;
        var validator = new Utf8Validator();

        Assert.False(validator.Append(bytes));
        Assert.Equal(asciiBefore + 1, validator.BytesValidated);
    }

    [Fact]
    public void Mixed_text_in_random_pieces_is_valid()
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("héllo wörld κόσμε € 𤭢 ", 50)));
        var random = new Random(8);
        var validator = new Utf8Validator();

        int position = 0;
        while (position < text.Length)
        {
            int length = Math.Min(random.Next(0, 40), text.Length - position);
            Assert.True(validator.Append(text.AsSpan(position, length)));
            position += length;
        }

        Assert.Equal(text.Length, validator.BytesValidated);
        Assert.True(validator.Complete());
    }

    [Fact]
    public void Empty_input_is_valid()
    {
        Assert.True(Utf8Validator.IsValid([]));
        Assert.True(new Utf8Validator().Append([]));
    }
}
