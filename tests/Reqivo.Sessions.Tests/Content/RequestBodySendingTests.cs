using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Bodies;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// The simple request bodies (bytes, string, JSON, stream, chunk sequences): argument checks, what may be sent twice,
/// and that each write goes through the caller's mode.
/// </summary>
public sealed class RequestBodySendingTests
{
    private static readonly byte[] Data = [1, 2, 3, 4, 5];

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => RequestBody.FromString(null!)).ParamName);
        Assert.Equal("chunks", Assert.Throws<ArgumentNullException>(() => RequestBody.FromChunks(null!)).ParamName);
        Assert.Equal("chunks", Assert.Throws<ArgumentNullException>(() => RequestBody.FromAsyncChunks(null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => RequestBody.FromStream(null!)).ParamName);
    }

    [Fact]
    public void A_bytes_body_exposes_its_memory_and_writes_nothing_when_empty()
    {
        RequestBody body = RequestBody.FromBytes(Data);

        Assert.True(body.TryGetMemory(out ReadOnlyMemory<byte> memory));
        Assert.Equal(Data, memory.ToArray());

        var sink = new ModeSink(async: false);
        SyncPath.Wait(RequestBody.FromBytes(ReadOnlyMemory<byte>.Empty).WriteToAsync(sink, false, CancellationToken.None));
        Assert.Empty(sink.Sizes);
    }

    [Fact]
    public void A_json_body_uses_the_web_defaults_without_options()
    {
        RequestBody body = RequestBody.FromJson(new JsonProbe { OrderId = 7 });

        Assert.True(body.TryGetMemory(out ReadOnlyMemory<byte> memory));
        Assert.Equal("{\"orderId\":7}", System.Text.Encoding.UTF8.GetString(memory.Span));
        Assert.Equal("application/json; charset=utf-8", body.ContentType);

        Assert.True(RequestBody.FromJson(new JsonProbe { OrderId = 7 }, new System.Text.Json.JsonSerializerOptions()).TryGetMemory(out memory));
        Assert.Equal("{\"OrderId\":7}", System.Text.Encoding.UTF8.GetString(memory.Span));
    }

    [Fact]
    public void A_stream_body_refuses_an_unreadable_stream_and_a_negative_length()
    {
        var closed = new MemoryStream(Data);
        closed.Dispose();

        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => RequestBody.FromStream(closed)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => RequestBody.FromStream(new MemoryStream(Data), -1)).ParamName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_body_of_declared_length_zero_writes_nothing(bool async)
    {
        RequestBody body = RequestBody.FromStream(new ProbeStream(Data, async), length: 0);

        Assert.Equal(0, body.Length);
        Assert.Empty((await Send(body, async)).Sizes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_seekable_stream_body_is_sent_again_from_its_start(bool async)
    {
        var stream = new MemoryStream(Data) { Position = 1 };
        RequestBody body = RequestBody.FromStream(stream);

        Assert.Equal(Data[1..], (await Send(body, async)).Bytes);
        Assert.Equal(Data[1..], (await Send(body, async)).Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_forward_only_stream_body_is_sent_once(bool async)
    {
        RequestBody body = RequestBody.FromStream(new ProbeStream(Data, async));
        Assert.Equal(Data, (await Send(body, async)).Bytes);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(body, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_shorter_than_its_declared_length_fails(bool async)
    {
        RequestBody body = RequestBody.FromStream(new ProbeStream(Data, async), length: Data.Length + 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(body, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chunk_sequence_is_sent_once(bool async)
    {
        RequestBody body = RequestBody.FromChunks([Data, ReadOnlyMemory<byte>.Empty, Data]);

        Assert.Equal([5, 5], (await Send(body, async)).Sizes);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(body, async));
    }

    [Fact]
    public async Task An_async_chunk_sequence_is_sent_once_and_only_asynchronously()
    {
        RequestBody body = RequestBody.FromAsyncChunks(Chunks());
        Assert.False(body.IsReplayable);

        Assert.Throws<InvalidOperationException>(() => SyncPath.Wait(body.WriteToAsync(new ModeSink(async: false), false, CancellationToken.None)));
        Assert.Equal([5, 5], (await Send(body, async: true)).Sizes);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(body, async: true));
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return Data;
        yield return ReadOnlyMemory<byte>.Empty;
        cancellationToken.ThrowIfCancellationRequested();
        yield return Data;
    }

    private static async Task<ModeSink> Send(RequestBody body, bool async)
    {
        var sink = new ModeSink(async);
        if (async)
        {
            await body.WriteToAsync(sink, true, CancellationToken.None);
        }
        else
        {
            SyncPath.Wait(body.WriteToAsync(sink, false, CancellationToken.None));
        }

        return sink;
    }

    private sealed class JsonProbe
    {
        public int OrderId { get; set; }
    }

    /// <summary>A sink that records each write's size and bytes, and fails a write through the other mode.</summary>
    private sealed class ModeSink(bool async) : IBodySink
    {
        private readonly List<byte> _bytes = [];

        public List<int> Sizes { get; } = [];

        public byte[] Bytes => [.. _bytes];

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool asyncWrite, CancellationToken cancellationToken)
        {
            Assert.Equal(async, asyncWrite);
            Sizes.Add(data.Length);
            _bytes.AddRange(data.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
