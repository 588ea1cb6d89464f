using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;

namespace Reqivo;

/// <summary>Responses made without a server (by a hook) and the draining of responses the session discards.</summary>
public sealed partial class Response
{
    // A redirect or retried response whose body is larger than this is not read to its end: closing its connection
    // costs less than downloading megabytes nobody will look at.
    private const int MaxDrainBytes = 64 * 1024;

    /// <summary>
    /// Creates a response that no server sent, with its body in memory: what a pre-request hook returns to answer a
    /// request itself (a cache, a stub), or a post-response hook returns to replace a response.
    /// </summary>
    /// <param name="request">The request it answers.</param>
    /// <param name="statusCode">The status code, 100 to 999 (RFC 9110 §15).</param>
    /// <param name="headers">The header fields, or null for none.</param>
    /// <param name="body">The body (not copied), or empty.</param>
    /// <param name="reasonPhrase">The reason phrase, or null for none.</param>
    public static Response Create(Request request, int statusCode, HttpHeaders? headers = null, ReadOnlyMemory<byte> body = default, string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 999);
        byte[] bytes = body.IsEmpty ? [] : body.ToArray();
        return new Response(request, request.Uri, statusCode, reasonPhrase ?? string.Empty, HttpVersion.Version11, headers ?? new HttpHeaders(), bytes);
    }

    /// <summary>
    /// Reads what is left of a streamed body (up to a small limit) so the connection can go back to the pool, then
    /// disposes the response. A buffered response has released its connection already and is only disposed.
    /// </summary>
    internal async ValueTask DrainAndDisposeAsync(bool async, CancellationToken cancellationToken)
    {
        try
        {
            if (_content is not null && !_consumed && !_disposed)
            {
                _consumed = true;
                long drained = 0;
                while (drained <= MaxDrainBytes)
                {
                    ReadOnlyMemory<byte> block = await _content.ReadBlockAsync(async, cancellationToken).ConfigureAwait(false);
                    if (block.IsEmpty)
                    {
                        break;
                    }

                    drained += block.Length;
                }
            }
        }
        finally
        {
            // Disposing returns the connection when the end was reached and closes it otherwise.
            Dispose();
        }
    }
}
