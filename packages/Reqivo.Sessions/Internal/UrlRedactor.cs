using System;
using System.Text;

namespace Reqivo.Internal;

/// <summary>
/// Makes a URL safe to put in a log line, trace or exception message: user information is dropped and the
/// values of query parameters whose names suggest a secret are replaced.
/// </summary>
internal static class UrlRedactor
{
    private const string Redacted = "REDACTED";

    private static readonly string[] SecretWords =
    [
        "token", "key", "secret", "password", "passwd", "pwd", "auth", "signature", "sig", "session", "credential", "code",
    ];

    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return "(no URL)";
        }

        if (!uri.IsAbsoluteUri)
        {
            return RedactQuery(uri.OriginalString);
        }

        var text = new StringBuilder();
        text.Append(uri.Scheme).Append("://");
        if (uri.UserInfo.Length > 0)
        {
            text.Append(Redacted).Append('@');
        }

        text.Append(uri.Authority);
        text.Append(uri.AbsolutePath);
        if (uri.Query.Length > 0)
        {
            text.Append(RedactQuery(uri.Query));
        }

        return text.ToString();
    }

    private static string RedactQuery(string text)
    {
        int q = text.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        result.Append(text, 0, q + 1);
        string[] pairs = text[(q + 1)..].Split('&');
        for (int i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                result.Append('&');
            }

            string pair = pairs[i];
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            result.Append(eq >= 0 && LooksSecret(name) ? string.Concat(name, "=", Redacted) : pair);
        }

        return result.ToString();
    }

    private static bool LooksSecret(string name)
    {
        foreach (string word in SecretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
