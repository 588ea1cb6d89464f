using System;
using System.Threading.Tasks;

namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>Theory data and helpers that run one exchange through the sync or the async API, so every test covers both.</summary>
internal static class Modes
{
    /// <summary>false = sync API, true = async API.</summary>
    public static TheoryData<bool> SyncAndAsync => new() { false, true };

    /// <summary>Every scheme in both modes.</summary>
    public static TheoryData<Scheme, bool> SchemesAndModes => new()
    {
        { Scheme.Http, false },
        { Scheme.Http, true },
        { Scheme.Https, false },
        { Scheme.Https, true },
    };

    public static async Task<Response> SendAsync(this Session session, Request request, bool async) =>
        async ? await session.SendAsync(request) : session.Send(request);

    public static Task<Response> GetAsync(this Session session, string url, bool async) =>
        session.SendAsync(new Request(HttpMethods.Get, url), async);

    public static async Task<byte[]> ReadAsBytesAsync(this Response response, bool async) =>
        async ? await response.ReadAsBytesAsync() : response.ReadAsBytes();

    public static async Task<string> ReadAsStringAsync(this Response response, bool async) =>
        async ? await response.ReadAsStringAsync() : response.ReadAsString();

    /// <summary>Reads a body block by block (<c>ReadChunks</c> / <c>ReadChunksAsync</c>) and hands each block to <paramref name="inspect"/>.</summary>
    /// <returns>The number of body bytes read.</returns>
    public static async Task<long> ReadChunksAsync(this Response response, bool async, Action<ReadOnlyMemory<byte>> inspect)
    {
        long total = 0;
        if (async)
        {
            await foreach (ReadOnlyMemory<byte> block in response.ReadChunksAsync())
            {
                inspect(block);
                total += block.Length;
            }
        }
        else
        {
            foreach (ReadOnlyMemory<byte> block in response.ReadChunks())
            {
                inspect(block);
                total += block.Length;
            }
        }

        return total;
    }
}
