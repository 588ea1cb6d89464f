using System;
using System.IO;
using System.Text;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Reading a supplied list (rule kinds, comments, encodings) and registrable domains of unusual names.</summary>
public sealed class PublicSuffixListLoadingTests
{
    private const string List = "// a comment\n\nco.uk\n*.ck\n!www.ck\n  indented.test  trailing words\n";

    private static PublicSuffixList Load(string text, Encoding encoding)
    {
        var bytes = new MemoryStream();
        bytes.Write(encoding.GetPreamble());
        bytes.Write(encoding.GetBytes(text));
        bytes.Position = 0;
        return PublicSuffixList.Load(bytes);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Every_rule_kind_is_read_in_any_encoding_marked_by_a_byte_order_mark(string encodingName)
    {
        PublicSuffixList list = Load(List, Encoding.GetEncoding(encodingName));
        Assert.Equal(4, list.RuleCount);
        Assert.True(list.IsPublicSuffix("co.uk"));
        Assert.True(list.IsPublicSuffix("anything.ck"));
        Assert.False(list.IsPublicSuffix("www.ck"));
        Assert.True(list.IsPublicSuffix("indented.test"));
        Assert.Equal("example.co.uk", list.GetRegistrableDomain("www.example.co.uk"));
        Assert.Equal("www.ck", list.GetRegistrableDomain("a.www.ck"));
        Assert.Equal("x.anything.ck", list.GetRegistrableDomain("a.x.anything.ck"));
    }

    [Fact]
    public void Loading_leaves_the_stream_open()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("co.uk\n"));
        PublicSuffixList.Load(stream);
        Assert.True(stream.CanRead);
        stream.Position = 0;
        Assert.Equal((byte)'c', stream.ReadByte());
    }

    [Fact]
    public void The_embedded_list_knows_common_suffixes()
    {
        Assert.True(PublicSuffixList.Default.RuleCount > 1000);
        Assert.True(PublicSuffixList.Default.IsPublicSuffix("co.uk"));
        Assert.Equal("example.co.uk", PublicSuffixList.Default.GetRegistrableDomain("a.b.example.co.uk"));
    }

    [Fact]
    public void A_name_whose_unicode_dots_become_label_separators_is_answered_in_ascii()
    {
        // U+3002 IDEOGRAPHIC FULL STOP maps to '.', so the Unicode form has fewer labels than the ASCII one.
        Assert.Equal("example.com", PublicSuffixList.Default.GetRegistrableDomain("www.example\u3002com"));
    }

    [Fact]
    public void A_unicode_name_keeps_its_unicode_form()
    {
        Assert.Equal("bücher.example", PublicSuffixList.Default.GetRegistrableDomain("www.Bücher.example"));
    }

    [Fact]
    public void A_name_idna_cannot_encode_has_no_registrable_domain()
    {
        string name = "ü" + new string('a', 70) + ".com";
        Assert.Null(PublicSuffixList.Default.GetRegistrableDomain(name));
        Assert.False(PublicSuffixList.Default.IsPublicSuffix(name));
    }
}
