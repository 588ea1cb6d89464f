using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace Reqivo.LoadHarness;

/// <summary>
/// One connection's request loop per client. Each loop is a single method (one async state machine per worker, not
/// per request), so the harness itself allocates nothing per request: what is measured is the client's cost.
/// Every client does what an application would do: GET the URL as a string, check the status, read the body.
/// </summary>
internal static class LoadLoops
{
    public static async Task ReqivoAsync(Session session, string url, int bodyLength, Worker worker, LoadWindow window)
    {
        while (window.Running && !worker.GaveUp)
        {
            if (window.Paused)
            {
                await window.WhenResumed.ConfigureAwait(false);
                continue;
            }

            long start = Stopwatch.GetTimestamp();
            try
            {
                using Response response = await session.GetAsync(url).ConfigureAwait(false);
                worker.Complete(window, start, response.StatusCode == 200 && response.ReadAsBytes().Length == bodyLength);
            }
            catch (Exception error)
            {
                worker.Complete(window, start, false, Describe(error));
            }
        }
    }

    public static void ReqivoSync(Session session, string url, int bodyLength, Worker worker, LoadWindow window)
    {
        while (window.Running && !worker.GaveUp)
        {
            if (window.Paused)
            {
                // A dedicated thread of the harness, parked while other clients are measured.
                window.WhenResumed.Wait();
                continue;
            }

            long start = Stopwatch.GetTimestamp();
            try
            {
                using Response response = session.Get(url);
                worker.Complete(window, start, response.StatusCode == 200 && response.ReadAsBytes().Length == bodyLength);
            }
            catch (Exception error)
            {
                worker.Complete(window, start, false, Describe(error));
            }
        }
    }

    public static async Task HttpClientAsync(HttpClient client, string url, int bodyLength, Worker worker, LoadWindow window)
    {
        while (window.Running && !worker.GaveUp)
        {
            if (window.Paused)
            {
                await window.WhenResumed.ConfigureAwait(false);
                continue;
            }

            long start = Stopwatch.GetTimestamp();
            try
            {
                using HttpResponseMessage response = await client.GetAsync(url).ConfigureAwait(false);
                byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                worker.Complete(window, start, (int)response.StatusCode == 200 && body.Length == bodyLength);
            }
            catch (Exception error)
            {
                worker.Complete(window, start, false, Describe(error));
            }
        }
    }

    public static void HttpClientSync(HttpClient client, string url, int bodyLength, Worker worker, LoadWindow window)
    {
        // HttpClient has no sync "read as bytes": the buffered content is read through its stream into a reused buffer.
        var buffer = new byte[Math.Max(bodyLength + 1, 64)];
        while (window.Running && !worker.GaveUp)
        {
            if (window.Paused)
            {
                // A dedicated thread of the harness, parked while other clients are measured.
                window.WhenResumed.Wait();
                continue;
            }

            long start = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using HttpResponseMessage response = client.Send(request);
                using Stream body = response.Content.ReadAsStream();
                int length = 0, read;
                while ((read = body.Read(buffer, 0, buffer.Length)) > 0)
                {
                    length += read;
                }

                worker.Complete(window, start, (int)response.StatusCode == 200 && length == bodyLength);
            }
            catch (Exception error)
            {
                worker.Complete(window, start, false, Describe(error));
            }
        }
    }

    public static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message}";
}
