using System.Globalization;
using System.Text;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>
/// Stand-ins for Autobahn's 12.x/13.x test files (a JSON file, a bitmap, a German text, an HTML file, a PDF), which
/// are not redistributed: deterministic, compressible data of a similar nature. The text sets are ASCII, so every
/// slice of them is valid UTF-8.
/// </summary>
internal static class CompressibleData
{
    private static readonly Dictionary<string, (byte[] Data, bool Binary)> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Sync = new();

    private static readonly string[] Words =
    [
        "Habe", "nun", "ach", "Philosophie", "Juristerei", "und", "Medizin", "leider", "auch", "Theologie", "durchaus",
        "studiert", "mit", "heissem", "Bemühn", "Da", "steh", "ich", "armer", "Tor", "bin", "so", "klug", "als", "wie",
        "zuvor", "Heiße", "Magister", "heiße", "Doktor", "gar", "Und", "ziehe", "schon", "an", "die", "zehen", "Jahr",
    ];

    public static (byte[] Data, bool Binary) For(string name)
    {
        lock (Sync)
        {
            if (!Cache.TryGetValue(name, out (byte[] Data, bool Binary) entry))
            {
                entry = name switch
                {
                    "json_data1" => (Json(), false),
                    "html_data1" => (Html(), false),
                    "lena512" => (Bitmap(), true),
                    "gutenberg_faust" => (Text(), true),
                    _ => (PdfLike(), true),
                };
                Cache[name] = entry;
            }

            return entry;
        }
    }

    private static byte[] Json()
    {
        var random = new Random(1);
        var text = new StringBuilder("[");
        for (int i = 0; text.Length < 300_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"name\":\"user{random.Next(1000)}\",\"active\":{(random.Next(2) == 0 ? "true" : "false")},");
            text.Append(CultureInfo.InvariantCulture, $"\"score\":{random.NextDouble() * 100:F3},\"tags\":[\"alpha\",\"beta\",\"gamma{random.Next(10)}\"]}},\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("{}]").ToString());
    }

    private static byte[] Html()
    {
        var random = new Random(2);
        var text = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Data</title></head><body><table>\n");
        while (text.Length < 300_000)
        {
            text.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"name\">Item {random.Next(10000)}</td><td class=\"value\">{random.Next(100000)}</td><td><a href=\"/item/{random.Next(500)}\">details</a></td></tr>\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("</table></body></html>\n").ToString());
    }

    private static byte[] Text()
    {
        var random = new Random(3);
        var text = new StringBuilder();
        while (text.Length < 250_000)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ",\n" : " ");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Bitmap()
    {
        // A 512 x 512 greyscale picture: smooth gradients with a little noise, after a 1078-byte BMP-like header.
        var random = new Random(4);
        var data = new byte[1078 + 512 * 512];
        "BM"u8.CopyTo(data);
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                double v = 128 + 60 * Math.Sin(x / 40.0) + 50 * Math.Cos(y / 33.0) + random.Next(-6, 7);
                data[1078 + y * 512 + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        return data;
    }

    private static byte[] PdfLike()
    {
        // Text objects interleaved with incompressible "image" streams, as in a PDF.
        var random = new Random(5);
        using var output = new MemoryStream();
        output.Write("%PDF-1.4\n"u8);
        for (int obj = 1; output.Length < 400_000; obj++)
        {
            output.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{obj} 0 obj\n<< /Type /Page /Length {obj * 17} >>\nstream\nBT /F1 12 Tf 72 712 Td (Page {obj}) Tj ET\n")));
            var noise = new byte[random.Next(200, 2000)];
            random.NextBytes(noise);
            output.Write(noise);
            output.Write("\nendstream\nendobj\n"u8);
        }

        return output.ToArray();
    }
}
