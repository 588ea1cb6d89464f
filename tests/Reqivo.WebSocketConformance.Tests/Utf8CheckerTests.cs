using System;
using System.IO;
using System.Text.Json;
using Reqivo.Tests;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Tests;

public sealed class Utf8CheckerTests
{
    [VectorFact]
    public void Agrees_with_every_sequence_of_the_vectors()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("websocket/utf8-sequences.json")));
        int checkedCount = 0;
        foreach (JsonElement sequence in document.RootElement.GetProperty("sequences").EnumerateArray())
        {
            byte[] payload = Convert.FromHexString(sequence.GetProperty("payload_hex").GetString()!);
            Assert.True(sequence.GetProperty("valid").GetBoolean() == Utf8Checker.IsValid(payload), sequence.GetProperty("id").GetString());
            checkedCount++;
        }

        Assert.Equal(132, checkedCount);
    }

    [Fact]
    public void Fails_on_the_first_octet_that_cannot_continue()
    {
        var checker = new Utf8Checker();

        Assert.True(checker.Feed([0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xf4]));
        Assert.False(checker.IsComplete);
        Assert.False(checker.Feed([0x90]));
        Assert.True(checker.Failed);
    }

    [Fact]
    public void Accepts_a_code_point_split_across_feeds()
    {
        var checker = new Utf8Checker();

        Assert.True(checker.Feed([0xf0, 0xa4]));
        Assert.True(checker.Feed([0xad, 0xa2]));
        Assert.True(checker.IsComplete);
    }
}
