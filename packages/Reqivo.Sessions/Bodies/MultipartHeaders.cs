using System;
using System.Security.Cryptography;
using System.Text;

namespace Reqivo.Bodies;

/// <summary>Boundaries and part heads for multipart/form-data (RFC 7578, RFC 2046 §5.1).</summary>
internal static class MultipartHeaders
{
    private const string BoundaryPrefix = "----ReqivoFormBoundary";
    private const string RandomAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string ExtraBoundaryCharacters = "'+_-.";

    /// <summary>A boundary with 24 random alphanumerics (about 143 bits): no content will contain it by chance.</summary>
    public static string NewBoundary() => BoundaryPrefix + RandomNumberGenerator.GetString(RandomAlphabet, 24);

    /// <summary>
    /// RFC 2046 §5.1.1 allows 1 to 70 characters; this accepts the ones that are also token characters (letters, digits
    /// and <c>'+_-.</c>), so the boundary parameter never needs quoting.
    /// </summary>
    public static void ValidateBoundary(string boundary)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        if (boundary.Length is 0 or > 70)
        {
            throw new ArgumentException("A multipart boundary has 1 to 70 characters (RFC 2046 §5.1.1).", nameof(boundary));
        }

        foreach (char c in boundary)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !ExtraBoundaryCharacters.Contains(c, StringComparison.Ordinal))
            {
                throw new ArgumentException("A multipart boundary here is made of ASCII letters, digits and '+_-. only.", nameof(boundary));
            }
        }
    }

    /// <summary>The delimiter line, Content-Disposition, an optional Content-Type, and the empty line.</summary>
    public static byte[] PartHead(string boundary, string name, string? fileName, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(name);
        var head = new StringBuilder(128);
        head.Append("--").Append(boundary).Append("\r\n");
        head.Append("Content-Disposition: form-data; name=\"").Append(Escape(name)).Append('"');
        if (fileName is not null)
        {
            head.Append("; filename=\"").Append(Escape(fileName)).Append('"');
        }

        head.Append("\r\n");
        if (contentType is not null)
        {
            ValidateContentType(contentType);
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        head.Append("\r\n");
        return Encoding.UTF8.GetBytes(head.ToString());
    }

    /// <summary>The close delimiter that ends the body (RFC 2046 §5.1.1).</summary>
    public static byte[] Closing(string boundary) => Encoding.ASCII.GetBytes("--" + boundary + "--\r\n");

    /// <summary>
    /// WHATWG HTML "multipart/form-data encoding algorithm" (which RFC 7578 §4.2 defers to in practice): in a name or
    /// filename, LF, CR and '"' become %0A, %0D and %22; other characters, non-ASCII and backslash included, are sent
    /// as UTF-8 as they are. Backslash is not escaped because recipients that follow WHATWG (browsers' peers, ASP.NET
    /// Core) do not unescape it, so "\\" would arrive as two backslashes.
    /// </summary>
    internal static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("\r\n\"") < 0)
        {
            return value;
        }

        return value.Replace("\n", "%0A", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\"", "%22", StringComparison.Ordinal);
    }

    private static void ValidateContentType(string contentType)
    {
        foreach (char c in contentType)
        {
            if (c is < ' ' or > '~' && c != '\t')
            {
                throw new ArgumentException("A part's content type is visible ASCII without line breaks.", nameof(contentType));
            }
        }
    }
}
