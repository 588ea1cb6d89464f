using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Content;
using Reqivo.Cookies;
using Reqivo.Sessions.Tests.Content;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>
/// Every asynchronous call, started from a thread with a synchronization context (a UI thread), finishes without
/// posting anything to that context: no continuation of the library queues behind the UI, and a caller that blocks
/// on the task cannot deadlock. Each call is started separately, so each call's first truly asynchronous wait is
/// the one observed.
/// </summary>
public sealed class CallerContextTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private readonly RecordingSynchronizationContext _context = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Requests_on_a_new_and_on_a_reused_connection(bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        await using Session session = LoopbackSessions.For(host);

        for (int i = 0; i < 2; i++)
        {
            await using Response response = await _context.RunAsync(() => session.GetAsync("/hello"));
            Assert.Equal(200, response.StatusCode);
        }

        await _context.RunAsync(() => session.DisposeAsync());
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Fact]
    public async Task Reading_a_streamed_body_in_every_form()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using Session session = LoopbackSessions.For(host);

        await using (Response bytes = await Streamed(session, "/slow-body/3?gapMs=5"))
        {
            Assert.Equal(3, (await _context.RunAsync(() => bytes.ReadAsBytesAsync())).Length);
        }

        await using (Response text = await Streamed(session, "/slow-body/2?gapMs=5"))
        {
            Assert.Equal(2, (await _context.RunAsync(() => text.ReadAsStringAsync())).Length);
        }

        await using (Response json = await Streamed(session, "/json"))
        {
            Assert.NotNull(await _context.RunAsync(() => json.ReadFromJsonAsync<Dictionary<string, object>>()));
        }

        await using (Response chunks = await Streamed(session, "/slow-body/3?gapMs=5"))
        {
            Assert.Equal(3, await _context.RunAsync(() => SumLengthsAsync(chunks.ReadChunksAsync())));
        }

        await using (Response lines = await Streamed(session, "/stream/3"))
        {
            Assert.Equal(3, await _context.RunAsync(() => CountAsync(lines.ReadLinesAsync())));
        }

        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Fact]
    public async Task Sending_bodies_of_every_kind()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using Session session = LoopbackSessions.For(host);
        byte[] large = new byte[16 << 20];

        RequestBody[] bodies =
        [
            RequestBody.FromBytes(large),
            RequestBody.FromStream(new AsynchronousStream(large), large.Length),
            RequestBody.FromStream(new AsynchronousStream(large)),
            RequestBody.FromChunks([large.AsMemory(0, 1 << 20), large.AsMemory(1 << 20)]),
            RequestBody.FromAsyncChunks(YieldingChunks(large)),
            new MultipartFormBody().AddStream("file", new AsynchronousStream(large), "large.bin", length: large.Length).AddBytes("note", "hi"u8.ToArray()),
        ];
        foreach (RequestBody body in bodies)
        {
            await using Response response = await _context.RunAsync(() => session.PostAsync("/expect", body));
            Assert.Equal(200, response.StatusCode);
        }

        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Fact]
    public async Task Redirects_retries_and_an_answered_challenge()
    {
        KestrelTestHost host = await hosts.GetAsync();
        var options = new SessionOptions
        {
            BaseAddress = host.BaseUri,
            RetryPolicy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = 2 },
            Authenticator = new Reqivo.Authentication.BasicAuthenticator("user", "secret", host.BaseUri),
        };
        await using var session = new Session(options);

        await using (Response redirected = await _context.RunAsync(() => session.GetAsync("/redirect/2")))
        {
            Assert.Equal(2, redirected.History.Count);
        }

        await using (Response unavailable = await _context.RunAsync(() => session.GetAsync("/status/503")))
        {
            Assert.Equal(503, unavailable.StatusCode);
        }

        await using (Response answered = await _context.RunAsync(() => session.GetAsync("/challenge")))
        {
            Assert.Equal(200, answered.StatusCode);
        }

        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Fact]
    public async Task Asynchronous_hooks()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using Session session = LoopbackSessions.For(host);
        session.Hooks.AddPreRequestAsync(async (_, _) =>
        {
            await CompletedElsewhere().ConfigureAwait(false);
            return null;
        });
        session.Hooks.AddPostResponseAsync(async (response, _) =>
        {
            await CompletedElsewhere().ConfigureAwait(false);
            return response;
        });

        await using Response response = await _context.RunAsync(() => session.GetAsync("/hello"));

        Assert.Equal(200, response.StatusCode);
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zlib")]
    [InlineData("raw")]
    [InlineData("br")]
    public async Task A_compressed_body_arriving_in_two_parts(string form)
    {
        byte[] data = Codecs.Text(50_000);
        byte[] encoded = Codecs.Encode(form, data);
        var secondPart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string head = $"HTTP/1.1 200 OK\r\nContent-Encoding: {Codecs.TokenOf(form)}\r\nContent-Length: {encoded.Length}\r\n\r\n";
        await using var server = new ScriptedTcpServer(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send([.. Encoding.ASCII.GetBytes(head), .. encoded.AsSpan(0, encoded.Length / 2)])
            .Pause(secondPart.Task).Send(encoded[(encoded.Length / 2)..]).NeverRespond());
        await using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        await using Response response = await Streamed(session, "/");
        Task<byte[]> reading = _context.RunAsync(() => response.ReadAsBytesAsync());
        secondPart.SetResult();

        Assert.Equal(data, await reading);
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zlib")]
    [InlineData("raw")]
    [InlineData("br")]
    public async Task Decoding_a_stream_whose_reads_complete_later(string form)
    {
        byte[] data = Codecs.Text(100_000);

        await using Stream decoded = ContentDecoding.Wrap(Codecs.TokenOf(form), new AsynchronousStream(Codecs.Encode(form, data)));
        byte[] read = await _context.RunAsync(() => ReadAllAsync(decoded));
        await _context.RunAsync(() => decoded.DisposeAsync());

        Assert.Equal(data, read);
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Fact]
    public async Task Saving_and_loading_cookies()
    {
        var jar = new CookieJar();
        Assert.True(jar.SetCookie(new Uri("https://example.com/"), "a=1; Path=/"));
        Assert.True(jar.SetCookie(new Uri("https://example.com/"), "b=2; Path=/"));
        var saved = new AsynchronousStream([]);

        await _context.RunAsync(() => new ValueTask(jar.SaveAsync(saved)));
        var loaded = new CookieJar();
        int count = await _context.RunAsync(() => new ValueTask<int>(loaded.LoadAsync(new AsynchronousStream(saved.Written))));

        Assert.Equal(2, count);
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    private ValueTask<Response> Streamed(Session session, string url) =>
        new(_context.RunAsync(() => session.SendAsync(new Request("GET", url) { StreamResponse = true })));

    private static async ValueTask<int> SumLengthsAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        int total = 0;
        await foreach (ReadOnlyMemory<byte> chunk in chunks.ConfigureAwait(false))
        {
            total += chunk.Length;
        }

        return total;
    }

    private static async ValueTask<int> CountAsync(IAsyncEnumerable<string> lines)
    {
        int count = 0;
        await foreach (string line in lines.ConfigureAwait(false))
        {
            Assert.StartsWith("{\"id\":", line, StringComparison.Ordinal);
            count++;
        }

        return count;
    }

    private static async ValueTask<byte[]> ReadAllAsync(Stream stream)
    {
        using var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> YieldingChunks(byte[] data, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int offset = 0; offset < data.Length; offset += 1 << 20)
        {
            await CompletedElsewhere().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            yield return data.AsMemory(offset, Math.Min(1 << 20, data.Length - offset));
        }
    }

    /// <summary>A task that another thread completes, so awaiting it almost always waits.</summary>
    private static Task CompletedElsewhere()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(static state => ((TaskCompletionSource)state!).SetResult(), done);
        return done.Task;
    }

    /// <summary>A memory stream whose asynchronous reads and writes complete on another thread.</summary>
    private sealed class AsynchronousStream(byte[] content) : Stream
    {
        private readonly MemoryStream _written = new();
        private int _position;

        public byte[] Written => _written.ToArray();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await CompletedElsewhere().ConfigureAwait(false);
            int count = Math.Min(buffer.Length, Math.Min(content.Length - _position, 64 * 1024));
            content.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await CompletedElsewhere().ConfigureAwait(false);
            _written.Write(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => CompletedElsewhere();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
