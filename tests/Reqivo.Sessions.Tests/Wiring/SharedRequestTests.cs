using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Authentication;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Wiring;

/// <summary>
/// One <see cref="Request"/> sent by several calls at once: the session never changes a request it is given, so an
/// answered challenge lives in a copy and no call sees another's.
/// </summary>
public sealed class SharedRequestTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private const int Calls = 8;

    [Fact]
    public async Task Concurrent_sends_of_one_request_each_answer_their_own_challenge()
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions
        {
            BaseAddress = host.BaseUri,
            Authenticator = new BasicAuthenticator("user", "pass", host.BaseUri) { Preemptive = false },
        });
        var shared = new Request(HttpMethods.Get, "/challenge");

        // Half the calls take the blocking path on their own threads, half the asynchronous one.
        Response[] responses = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => i % 2 == 0
            ? Task.Run(() => session.Send(shared))
            : Task.Run(async () => await session.SendAsync(shared))));

        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass"));
        foreach (Response response in responses)
        {
            using (response)
            {
                Assert.Equal(200, response.StatusCode);
                Assert.Equal(expected, response.ReadAsString());
                Assert.NotSame(shared, response.Request);
            }
        }

        Assert.Null(shared.ChallengeAuthorization);
        Assert.Equal(0, shared.AnsweredChallenges);
        Assert.False(shared.Headers.Contains("Authorization"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_response_request_sent_again_starts_without_the_previous_answer(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions
        {
            BaseAddress = host.BaseUri,
            Authenticator = new BasicAuthenticator("user", "pass", host.BaseUri) { Preemptive = false },
        });
        using Response first = await session.SendAsync(new Request(HttpMethods.Get, "/challenge"), async);

        using Response again = await session.SendAsync(first.Request, async);

        Assert.Equal(200, again.StatusCode);
        Assert.Equal(1, again.Request.AnsweredChallenges);
        Assert.NotNull(again.Request.ChallengeAuthorization);
        Assert.NotSame(first.Request, again.Request);
    }
}
