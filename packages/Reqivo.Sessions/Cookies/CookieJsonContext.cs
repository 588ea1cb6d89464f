using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Reqivo.Cookies;

/// <summary>The saved form of a jar: a version number and every cookie with every attribute.</summary>
internal sealed class CookieJarDocument
{
    public int Version { get; set; } = 1;

    public List<SavedCookie> Cookies { get; set; } = [];
}

/// <summary>One saved cookie; the JSON shape is ours (camelCase), independent of the public <see cref="Cookie"/> type.</summary>
internal sealed class SavedCookie
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";

    public string Domain { get; set; } = "";

    public string Path { get; set; } = "/";

    public DateTimeOffset? Expires { get; set; }

    public bool Secure { get; set; }

    public bool HttpOnly { get; set; }

    public CookieSameSite SameSite { get; set; }

    public bool HostOnly { get; set; }

    public DateTimeOffset CreationTime { get; set; }

    public DateTimeOffset LastAccessTime { get; set; }
}

/// <summary>Source-generated (trimming- and AOT-safe) JSON metadata for the saved jar.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CookieJarDocument))]
internal sealed partial class CookieJsonContext : JsonSerializerContext;
