using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Cookies;

/// <summary>Saving the jar as JSON and loading it back with every attribute and timestamp intact.</summary>
public sealed partial class CookieJar
{
    /// <summary>Writes every cookie that has not expired, session cookies included, as UTF-8 JSON.</summary>
    /// <param name="stream">The stream to write to; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, Snapshot(), CookieJsonContext.Default.CookieJarDocument);
    }

    /// <summary>Writes every cookie that has not expired, session cookies included, as UTF-8 JSON.</summary>
    /// <param name="stream">The stream to write to; left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the JSON is written.</returns>
    public Task SaveAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return JsonSerializer.SerializeAsync(stream, Snapshot(), CookieJsonContext.Default.CookieJarDocument, cancellationToken);
    }

    /// <summary>
    /// Adds the cookies of a jar written by <see cref="Save(Stream)"/>, replacing cookies with the same identity.
    /// Cookies that have expired since, or that break a cookie rule, are skipped. Call <see cref="Clear"/> first
    /// to replace the jar's contents instead.
    /// </summary>
    /// <param name="stream">The JSON to read; left open.</param>
    /// <returns>
    /// The number of saved cookies accepted. When they exceed this jar's limits, a later one can evict an earlier one
    /// again (see <see cref="CookieJarOptions"/>), so the jar may hold fewer.
    /// </returns>
    /// <exception cref="JsonException">The stream does not hold a saved jar.</exception>
    public int Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Restore(JsonSerializer.Deserialize(stream, CookieJsonContext.Default.CookieJarDocument));
    }

    /// <summary>Asynchronous form of <see cref="Load(Stream)"/>.</summary>
    /// <param name="stream">The JSON to read; left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The number of saved cookies accepted. When they exceed this jar's limits, a later one can evict an earlier one
    /// again (see <see cref="CookieJarOptions"/>), so the jar may hold fewer.
    /// </returns>
    /// <exception cref="JsonException">The stream does not hold a saved jar.</exception>
    public async Task<int> LoadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CookieJarDocument? document = await JsonSerializer
            .DeserializeAsync(stream, CookieJsonContext.Default.CookieJarDocument, cancellationToken)
            .ConfigureAwait(false);
        return Restore(document);
    }

    private CookieJarDocument Snapshot()
    {
        var document = new CookieJarDocument();
        foreach (Cookie cookie in GetAllCookies())
        {
            document.Cookies.Add(new SavedCookie
            {
                Name = cookie.Name,
                Value = cookie.Value,
                Domain = cookie.Domain,
                Path = cookie.Path,
                Expires = cookie.Expires,
                Secure = cookie.Secure,
                HttpOnly = cookie.HttpOnly,
                SameSite = cookie.SameSite,
                HostOnly = cookie.HostOnly,
                CreationTime = cookie.CreationTime,
                LastAccessTime = cookie.LastAccessTime,
            });
        }

        return document;
    }

    private int Restore(CookieJarDocument? document)
    {
        if (document?.Cookies is null || document.Version != 1)
        {
            throw new JsonException("The stream does not hold a saved cookie jar (version 1).");
        }

        // Insert in creation order so equal creation times keep their saved order.
        var saved = new List<SavedCookie>(document.Cookies);
        saved.Sort((x, y) => x.CreationTime.CompareTo(y.CreationTime));
        DateTimeOffset now = _time.GetUtcNow();
        int stored = 0;
        lock (_lock)
        {
            foreach (SavedCookie item in saved)
            {
                if (string.IsNullOrEmpty(item.Name) || item.Value is null || string.IsNullOrEmpty(item.Domain) || item.Path is null)
                {
                    continue;
                }

                Cookie? cookie = Normalize(
                    new Cookie(item.Name, item.Value, item.Domain)
                    {
                        Path = item.Path,
                        Expires = item.Expires,
                        Secure = item.Secure,
                        HttpOnly = item.HttpOnly,
                        SameSite = item.SameSite,
                        HostOnly = item.HostOnly,
                        CreationTime = item.CreationTime,
                        LastAccessTime = item.LastAccessTime,
                    },
                    out _);
                if (cookie is not null && Insert(cookie, now))
                {
                    stored++;
                }
            }
        }

        return stored;
    }
}
