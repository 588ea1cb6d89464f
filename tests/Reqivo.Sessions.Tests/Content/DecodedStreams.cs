using System.IO;
using System.Threading.Tasks;

namespace Reqivo.Sessions.Tests.Content;

internal static class DecodedStreams
{
    /// <summary>Reads a stream to its end with the sync or the async API, through a buffer of the given size.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, bool async, int bufferSize = 1000)
    {
        var output = new MemoryStream();
        byte[] buffer = new byte[bufferSize];
        while (true)
        {
            int read = async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length);
            if (read == 0)
            {
                return output.ToArray();
            }

            output.Write(buffer, 0, read);
        }
    }
}
