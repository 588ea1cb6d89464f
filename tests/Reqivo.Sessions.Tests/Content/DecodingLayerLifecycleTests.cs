using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Content;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// One decoding layer (inflate or br) over its source, read by hand: empty reads, reads after the end and after a
/// truncation, disposal, and the argument checks of the shared read-only stream base.
/// </summary>
public sealed class DecodingLayerLifecycleTests
{
    private static readonly byte[] Data = Codecs.Text(5000);

    public static TheoryData<string, bool> FormsAndModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (string form in Codecs.All)
        {
            data.Add(form, false);
            data.Add(form, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task An_empty_read_first_does_not_end_the_body(string form, bool async)
    {
        var source = new StrictSource(Codecs.Encode(form, Data), async);
        using Stream layer = Layer(form, source);

        Assert.Equal(0, async ? await layer.ReadAsync(Memory<byte>.Empty) : layer.Read([], 0, 0));

        Assert.Equal(0, source.Reads);
        Assert.Equal(Data, await DecodedStreams.ReadAllAsync(layer, async));
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task After_the_decoded_end_reads_return_zero_without_touching_the_source(string form, bool async)
    {
        var source = new StrictSource(Codecs.Encode(form, Data), async);
        using Stream layer = Layer(form, source);
        Assert.Equal(Data, await DecodedStreams.ReadAllAsync(layer, async));
        int reads = source.Reads;

        byte[] buffer = new byte[100];
        Assert.Equal(0, async ? await layer.ReadAsync(buffer) : layer.Read(buffer, 0, buffer.Length));
        Assert.Equal(0, async ? await layer.ReadAsync(buffer) : layer.Read(buffer, 0, buffer.Length));

        Assert.Equal(reads, source.Reads);
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task A_truncation_is_reported_once_and_then_the_body_reads_as_ended(string form, bool async)
    {
        byte[] encoded = Codecs.Encode(form, Data);
        using Stream layer = Layer(form, new StrictSource(encoded[..(encoded.Length / 2)], async));

        var error = await Assert.ThrowsAsync<ContentDecodingException>(() => DecodedStreams.ReadAllAsync(layer, async));
        Assert.True(error.IsTruncated);
        Assert.Equal(Codecs.TokenOf(form), error.ContentCoding);

        byte[] buffer = new byte[100];
        Assert.Equal(0, async ? await layer.ReadAsync(buffer) : layer.Read(buffer, 0, buffer.Length));
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task A_body_fed_a_few_bytes_at_a_time_and_read_a_byte_at_a_time_decodes_whole(string form, bool async)
    {
        using Stream layer = Layer(form, new StrictSource(Codecs.Encode(form, Data), async, maxRead: 7));

        Assert.Equal(Data, await DecodedStreams.ReadAllAsync(layer, async, bufferSize: 1));
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task A_body_larger_than_one_input_block_read_in_small_pieces_decodes_whole(string form, bool async)
    {
        // About 20 KiB encoded: the br layer's 16 KiB input block is full while small reads leave part of it unconsumed.
        byte[] data = Codecs.Text(40_000);
        using Stream layer = Layer(form, new StrictSource(Codecs.Encode(form, data), async));

        Assert.Equal(data, await DecodedStreams.ReadAllAsync(layer, async, bufferSize: 100));
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task A_disposed_layer_refuses_reads_without_reading_its_source(string form, bool async)
    {
        var source = new StrictSource(Codecs.Encode(form, Data), async);
        Stream layer = Layer(form, source);
        if (async)
        {
            await layer.DisposeAsync();
        }
        else
        {
            layer.Dispose();
        }

        Assert.Equal(1, source.Disposals);
        Assert.Equal(async ? 1 : 0, source.AsyncDisposals);
        byte[] buffer = new byte[100];
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => _ = async ? await layer.ReadAsync(buffer) : layer.Read(buffer, 0, buffer.Length));
        Assert.Equal(0, source.Reads);
    }

    [Theory]
    [MemberData(nameof(FormsAndModes))]
    public async Task Disposing_after_a_read_disposes_the_source_once(string form, bool async)
    {
        var source = new StrictSource(Codecs.Encode(form, Data), async);
        Stream layer = Layer(form, source);
        byte[] buffer = new byte[100];
        Assert.InRange(async ? await layer.ReadAsync(buffer) : layer.Read(buffer, 0, buffer.Length), 1, 100);

        if (async)
        {
            await layer.DisposeAsync();
            await layer.DisposeAsync();
        }
        else
        {
            layer.Dispose();
            layer.Dispose();
        }

        Assert.Equal(1, source.Disposals);
    }

    [Fact]
    public async Task The_array_reads_check_their_arguments()
    {
        using Stream layer = Layer("gzip", new StrictSource(Codecs.Encode("gzip", Data), async: false));

        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => layer.Read(null!, 0, 0)).ParamName);
#pragma warning disable CA1835 // The array overload is the one under test.
        Assert.Equal("buffer", (await Assert.ThrowsAsync<ArgumentNullException>(() => layer.ReadAsync(null!, 0, 0))).ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => layer.ReadAsync(new byte[4], 3, 2));
#pragma warning restore CA1835
    }

    [Fact]
    public async Task The_array_async_read_runs_the_async_path()
    {
        using Stream layer = Layer("br", new StrictSource(Codecs.Encode("br", Data), async: true));
        byte[] buffer = new byte[Data.Length + 10];

#pragma warning disable CA1835 // The array overload is the one under test.
        int read = await layer.ReadAsync(buffer, 5, 50);
#pragma warning restore CA1835

        Assert.Equal(50, read);
        Assert.Equal(Data[..50], buffer[5..55]);
    }

    private static Stream Layer(string form, Stream source)
    {
        var input = new EncodedInput(source);
        return form == "br"
            ? new BrotliDecodingStream(input)
            : new InflatingStream(form == "gzip" ? ContentCoding.Gzip : ContentCoding.Deflate, input);
    }
}
