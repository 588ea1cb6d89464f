using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Reqivo.Protocol;

/// <summary>
/// An ordered, case-insensitive, multi-valued collection of header (or trailer) fields. Order and
/// repetitions are kept exactly as added or received, so two <c>Set-Cookie</c> fields stay two fields.
/// </summary>
/// <remarks>
/// Every name is checked to be a token and every value to be free of CR, LF, NUL and other controls when
/// it is added; a violation throws an <see cref="ArgumentException"/> naming the field, so nothing
/// added through this API can inject a header line. The collection is not thread-safe.
/// </remarks>
public sealed class HttpHeaders : IReadOnlyList<HttpField>
{
    private HttpField[] _fields;
    private int _count;

    /// <summary>Creates an empty collection.</summary>
    public HttpHeaders()
        : this(8)
    {
    }

    /// <summary>Creates an empty collection with room for <paramref name="capacity"/> fields.</summary>
    /// <param name="capacity">The number of fields to make room for.</param>
    public HttpHeaders(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _fields = capacity == 0 ? [] : new HttpField[capacity];
    }

    /// <summary>The number of field lines (a repeated name counts once per line).</summary>
    public int Count => _count;

    /// <summary>The field line at <paramref name="index"/>, in order of addition.</summary>
    /// <param name="index">The position of the field line.</param>
    public HttpField this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _fields[index];
        }
    }

    /// <summary>Appends a field line after the existing ones, keeping any earlier line with the same name.</summary>
    /// <param name="name">The field name; must be a token.</param>
    /// <param name="value">The field value; leading and trailing spaces and tabs are removed.</param>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a control character.</exception>
    public void Add(string name, string value)
    {
        FieldSyntax.ValidateName(name, nameof(name));
        FieldSyntax.ValidateValue(name, value, nameof(value));
        AddUnchecked(name, TrimWhitespace(value));
    }

    /// <summary>Replaces every line named <paramref name="name"/> with a single line holding <paramref name="value"/>.</summary>
    /// <param name="name">The field name; must be a token.</param>
    /// <param name="value">The field value.</param>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a control character.</exception>
    public void Set(string name, string value)
    {
        FieldSyntax.ValidateName(name, nameof(name));
        FieldSyntax.ValidateValue(name, value, nameof(value));
        Remove(name);
        AddUnchecked(name, TrimWhitespace(value));
    }

    /// <summary>Removes every line named <paramref name="name"/>.</summary>
    /// <param name="name">The field name, compared ignoring ASCII case.</param>
    /// <returns>Whether any line was removed.</returns>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (!NameEquals(_fields[i].Name, name))
            {
                _fields[kept++] = _fields[i];
            }
        }

        bool removed = kept != _count;
        Array.Clear(_fields, kept, _count - kept);
        _count = kept;
        return removed;
    }

    /// <summary>Removes every field line.</summary>
    public void Clear()
    {
        Array.Clear(_fields, 0, _count);
        _count = 0;
    }

    /// <summary>Whether a line named <paramref name="name"/> is present.</summary>
    /// <param name="name">The field name, compared ignoring ASCII case.</param>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Gets the value of the first line named <paramref name="name"/>.</summary>
    /// <param name="name">The field name, compared ignoring ASCII case.</param>
    /// <param name="value">The value of the first such line, when found.</param>
    /// <returns>Whether a line was found.</returns>
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        int index = IndexOf(name);
        value = index >= 0 ? _fields[index].Value : null;
        return index >= 0;
    }

    /// <summary>The values of every line named <paramref name="name"/>, in order.</summary>
    /// <param name="name">The field name, compared ignoring ASCII case.</param>
    public IReadOnlyList<string> GetValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        List<string>? values = null;
        for (int i = 0; i < _count; i++)
        {
            if (NameEquals(_fields[i].Name, name))
            {
                (values ??= []).Add(_fields[i].Value);
            }
        }

        return values is null ? [] : values;
    }

    /// <summary>
    /// The values of every line named <paramref name="name"/> joined by ", " (RFC 9110 §5.3), or null when
    /// there is none. Do not use it for <c>Set-Cookie</c>, whose values cannot be combined.
    /// </summary>
    /// <param name="name">The field name, compared ignoring ASCII case.</param>
    public string? GetCombinedValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? single = null;
        StringBuilder? combined = null;
        for (int i = 0; i < _count; i++)
        {
            if (!NameEquals(_fields[i].Name, name))
            {
                continue;
            }

            if (single is null)
            {
                single = _fields[i].Value;
            }
            else
            {
                combined ??= new StringBuilder(single);
                combined.Append(", ").Append(_fields[i].Value);
            }
        }

        return combined?.ToString() ?? single;
    }

    /// <summary>Returns a struct enumerator over the field lines in order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<HttpField> IEnumerable<HttpField>.GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _fields[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<HttpField>)this).GetEnumerator();

    /// <summary>The field lines as <c>Name: Value</c>, one a line, for diagnostics.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < _count; i++)
        {
            text.Append(_fields[i].Name).Append(": ").Append(_fields[i].Value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Adds a line whose name and value the caller has already validated (the parser's path).</summary>
    internal void AddUnchecked(string name, string value)
    {
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(4, _fields.Length * 2));
        }

        _fields[_count++] = new HttpField(name, value);
    }

    /// <summary>Joins an obsolete-folded continuation to the last line with a single space (RFC 9112 §5.2).</summary>
    internal void AppendToLast(string continuation)
    {
        ref HttpField last = ref _fields[_count - 1];
        last = last with { Value = last.Value.Length == 0 ? continuation : string.Concat(last.Value, " ", continuation) };
    }

    /// <summary>The index of the first line named <paramref name="name"/>, or -1.</summary>
    internal int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < _count; i++)
        {
            if (NameEquals(_fields[i].Name, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes leading and trailing SP and HTAB (RFC 9110 §5.5 OWS), allocating only when there are some.</summary>
    private static string TrimWhitespace(string value)
    {
        ReadOnlySpan<char> trimmed = value.AsSpan().Trim(" \t");
        return trimmed.Length == value.Length ? value : trimmed.ToString();
    }

    private static bool NameEquals(string a, string b) =>
        ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Enumerates field lines without allocating.</summary>
    public struct Enumerator
    {
        private readonly HttpHeaders _headers;
        private int _index;

        internal Enumerator(HttpHeaders headers)
        {
            _headers = headers;
            _index = -1;
        }

        /// <summary>The current field line.</summary>
        public readonly HttpField Current => _headers._fields[_index];

        /// <summary>Moves to the next field line.</summary>
        /// <returns>Whether there is one.</returns>
        public bool MoveNext() => ++_index < _headers._count;
    }
}
