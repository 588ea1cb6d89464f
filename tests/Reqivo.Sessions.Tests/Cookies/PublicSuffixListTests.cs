using System;
using System.IO;
using System.Linq;
using Reqivo.Cookies;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>The public suffix algorithm against the list's own checks (psl/tests.txt), with the embedded and the vectors' list.</summary>
public sealed class PublicSuffixListTests
{
    private static readonly Lazy<PublicSuffixList> VectorsList = new(() =>
    {
        using FileStream stream = File.OpenRead(TestVectors.PathOf("psl/public_suffix_list.dat"));
        return PublicSuffixList.Load(stream);
    });

    public static TheoryData<int> Checks
    {
        get
        {
            var data = new TheoryData<int>();
            if (TestVectors.Root is null)
            {
                return data;
            }

            for (int i = 0; i < LoadChecks().Length; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [VectorTheory]
    [MemberData(nameof(Checks))]
    public void Embedded_list_passes_every_check(int index)
    {
        (string? domain, string? expected) = LoadChecks()[index];
        Assert.Equal(expected, PublicSuffixList.Default.GetRegistrableDomain(domain));
    }

    [VectorTheory]
    [MemberData(nameof(Checks))]
    public void Vectors_list_passes_every_check(int index)
    {
        (string? domain, string? expected) = LoadChecks()[index];
        Assert.Equal(expected, VectorsList.Value.GetRegistrableDomain(domain));
    }

    [VectorFact]
    public void Every_check_of_the_file_is_run()
    {
        Assert.Equal(78, LoadChecks().Length);
    }

    [Fact]
    public void Embedded_list_is_complete()
    {
        // The Debian list of 2023 has about 9,500 rules; a truncated resource would lose most of them.
        Assert.InRange(PublicSuffixList.Default.RuleCount, 9000, 20000);
    }

    [Theory]
    [InlineData("com", true)]
    [InlineData("co.uk", true)]
    [InlineData("CO.UK", true)]
    [InlineData("github.io", true)]
    [InlineData("unlisted-tld", true)]
    [InlineData("example.com", false)]
    [InlineData("example.co.uk", false)]
    [InlineData("", false)]
    [InlineData(".com", false)]
    public void Is_public_suffix(string domain, bool expected)
    {
        Assert.Equal(expected, PublicSuffixList.Default.IsPublicSuffix(domain));
    }

    [Fact]
    public void A_supplied_list_replaces_the_embedded_one()
    {
        using var stream = new MemoryStream("// comment\n\nexample\n*.wild\n!keep.wild   trailing text\n"u8.ToArray());
        PublicSuffixList list = PublicSuffixList.Load(stream);
        Assert.Equal(3, list.RuleCount);
        Assert.True(list.IsPublicSuffix("example"));
        Assert.True(list.IsPublicSuffix("any.wild"));
        Assert.False(list.IsPublicSuffix("keep.wild"));
        Assert.Equal("a.example", list.GetRegistrableDomain("b.a.example"));
        Assert.Equal("keep.wild", list.GetRegistrableDomain("x.keep.wild"));
        Assert.Equal("b.any.wild", list.GetRegistrableDomain("b.any.wild"));
    }

    private static (string? Domain, string? Expected)[] LoadChecks() =>
        File.ReadAllLines(TestVectors.PathOf("psl/tests.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (NullWord(parts[0]), NullWord(parts[1])))
            .ToArray();

    private static string? NullWord(string word) => word == "null" ? null : word;
}
