namespace Reqivo.Protocol;

/// <summary>One field line: a name and its value, as sent or received.</summary>
/// <param name="Name">The field name (case-insensitive when compared).</param>
/// <param name="Value">The field value without leading or trailing whitespace.</param>
public readonly record struct HttpField(string Name, string Value);
