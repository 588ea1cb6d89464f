using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Tests;

public sealed class DeflateTests
{
    [Fact]
    public void Literal_encoding_inflates_back_to_the_data()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

        byte[] encoded = LiteralDeflateEncoder.EncodeSyncFlushed(data);
        using var inflate = new DeflateStream(new MemoryStream(encoded), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);

        Assert.Equal(data, output.ToArray());
        Assert.Equal(new byte[] { 0, 0, 0xff, 0xff }, encoded[^4..]);
    }

    [Theory]
    [InlineData(false, 15)]
    [InlineData(true, 15)]
    [InlineData(false, 9)]
    public void Messages_round_trip_through_deflater_and_inflater(bool noContextTakeover, int serverWindowBits)
    {
        var agreement = new DeflateAgreement(noContextTakeover, serverWindowBits, false, 15, "permessage-deflate");
        using var deflater = new MessageDeflater(agreement);
        using var inflater = new MessageInflater(1 << 20);

        for (int i = 0; i < 5; i++)
        {
            byte[] message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"message {i} repeats itself; ", 50)));
            byte[] compressed = deflater.Compress(message);

            Assert.Equal(message, inflater.Decompress(compressed));
        }
    }

    [Fact]
    public void Answers_an_offer_with_the_requested_client_window()
    {
        DeflateOffer offer = Assert.Single(DeflateOffer.ParseAll(["permessage-deflate; client_max_window_bits"]));

        DeflateAgreement? agreement = new DeflateAcceptPolicy(true, 9).TryAccept(offer);

        Assert.NotNull(agreement);
        Assert.Equal("permessage-deflate; client_no_context_takeover; client_max_window_bits=9", agreement.ResponseHeader);
        Assert.Equal(9, agreement.ClientMaxWindowBits);
    }

    [Fact]
    public void Never_sends_client_max_window_bits_the_client_did_not_offer()
    {
        DeflateOffer offer = Assert.Single(DeflateOffer.ParseAll(["permessage-deflate"]));

        Assert.Null(new DeflateAcceptPolicy(false, 9).TryAccept(offer));
    }

    [Fact]
    public void Declines_offers_with_unknown_parameters()
    {
        Assert.Empty(DeflateOffer.ParseAll(["permessage-deflate; foo=1, x-webkit-deflate-frame"]));
    }
}
