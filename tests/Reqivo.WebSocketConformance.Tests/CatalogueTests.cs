using System.Linq;
using Reqivo.Tests;
using Reqivo.WebSocketConformance.Cases;

namespace Reqivo.WebSocketConformance.Tests;

public sealed class CatalogueTests
{
    private static CaseCatalogue Catalogue => CaseCatalogue.Load(TestVectors.PathOf("websocket/autobahn-cases.json"));

    [VectorFact]
    public void Every_case_of_the_catalogue_has_a_script()
    {
        var factory = new CaseFactory(new CaseLimits(1024, 10));

        Assert.Equal(517, Catalogue.All.Count);
        Assert.All(Catalogue.All, c => Assert.NotNull(factory.Create(c)));
    }

    [VectorFact]
    public void Selects_the_247_core_cases_in_id_order()
    {
        var selected = Catalogue.Select(["1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "10.*"], []);

        Assert.Equal(247, selected.Count);
        Assert.Equal("1.1.1", selected[0].Id);
        Assert.Equal("10.1.1", selected[^1].Id);
        Assert.True(selected.FindIndex(c => c.Id == "6.9.4") < selected.FindIndex(c => c.Id == "6.10.1"));
    }

    [VectorFact]
    public void Excludes_what_the_exclusions_match()
    {
        var selected = Catalogue.Select(["6.*"], ["6.5.*", "6.4.1"]);

        Assert.DoesNotContain(selected, c => c.Id.StartsWith("6.5.", System.StringComparison.Ordinal) || c.Id == "6.4.1");
        Assert.Contains(selected, c => c.Id == "6.4.2");
    }
}
