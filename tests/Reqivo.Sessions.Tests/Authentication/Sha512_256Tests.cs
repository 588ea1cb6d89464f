using System;
using System.Security.Cryptography;
using System.Text;
using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

public sealed class Sha512_256Tests
{
    // NIST's SHA-512/256 examples (FIPS 180-4 example values, "Cryptographic Standards and Guidelines"): "abc" and the
    // 896-bit message, which pads into two blocks.
    [Fact]
    public void A_destination_shorter_than_the_digest_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sha512_256.HashData([1, 2, 3], new byte[31]));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void Abc_matches_the_nist_example() =>
        Assert.Equal("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23", Hex(Encoding.ASCII.GetBytes("abc")));

    [Fact]
    public void Two_block_896_bit_message_matches_the_nist_example()
    {
        byte[] message = Encoding.ASCII.GetBytes(
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu");
        Assert.Equal(112, message.Length);
        Assert.Equal("3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a", Hex(message));
    }

    // Lengths either side of the padding boundaries (111/112 bytes fit or spill the length field, 128 is one whole
    // block); expected values computed with Python hashlib.new("sha512_256").
    [Theory]
    [InlineData(0, "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")]
    [InlineData(111, "0239e429f98d0ed61ee8e2a7c30afe98c1c3a80ce5dff62a107e9c538f7632ce")]
    [InlineData(112, "9216b5303edb66504570bee90e48ea5beaa5e9fe9f760bbd3e0460559fc005f6")]
    [InlineData(127, "2fe3b2a6ee7e12f6fe4ba82166541ad9b4ed882c493581cbe300d68f3757b778")]
    [InlineData(128, "b88f97e274f9c1d49f181c8cbd01a9c74930ad055a46ac4499a1d601f1c80bf2")]
    [InlineData(239, "78d0a1b37aaad84c89fff13cbe3cd3d1025bcdb648268f9102b7e7032bea7d2a")]
    [InlineData(240, "d48a4d53397b38ab4e771d781c98ac6b86712dff2a664cfd1f27c7ca40f8ce37")]
    [InlineData(1000, "40eb4a70d4d69815407a9e272f0101cd67e3d11262a4a0bfc087712749c7fb53")]
    public void Runs_of_a_match_reference_digests(int length, string expected) =>
        Assert.Equal(expected, Hex(Encoding.ASCII.GetBytes(new string('a', length))));

    [Fact]
    public void Is_not_sha512_truncated_to_256_bits()
    {
        byte[] abc = Encoding.ASCII.GetBytes("abc");
        string truncated = Convert.ToHexStringLower(SHA512.HashData(abc).AsSpan(0, 32));
        Assert.Equal("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a", truncated);
        Assert.NotEqual(truncated, Hex(abc));
    }

    [Fact]
    public void Writes_into_a_destination_span_and_refuses_a_short_one()
    {
        byte[] destination = new byte[40];
        Sha512_256.HashData("abc"u8, destination);
        Assert.Equal("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23", Convert.ToHexStringLower(destination.AsSpan(0, 32)));
        Assert.All(destination[32..], b => Assert.Equal(0, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha512_256.HashData("abc"u8, new byte[31]));
    }

    private static string Hex(byte[] message) => Convert.ToHexStringLower(Sha512_256.HashData(message));
}
