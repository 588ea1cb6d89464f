using System.Threading;
using System.Threading.Tasks;

namespace Reqivo;

/// <summary>One method per HTTP verb, each a shorthand for <see cref="Send"/> / <see cref="SendAsync"/> with a new <see cref="Request"/>.</summary>
public sealed partial class Session
{
    /// <summary>Sends a <c>GET</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Get(string url, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Get, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>GET</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> GetAsync(string url, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Get, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>HEAD</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Head(string url, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Head, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>HEAD</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> HeadAsync(string url, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Head, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>OPTIONS</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Options(string url, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Options, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>OPTIONS</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> OptionsAsync(string url, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Options, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>DELETE</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Delete(string url, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Delete, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>DELETE</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> DeleteAsync(string url, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Delete, _urls.Parse(url)), cancellationToken);

    /// <summary>Sends a <c>POST</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="body">The request body, or null for none.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Post(string url, RequestBody? body, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Post, _urls.Parse(url)) { Body = body }, cancellationToken);

    /// <summary>Sends a <c>POST</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="body">The request body, or null for none.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> PostAsync(string url, RequestBody? body, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Post, _urls.Parse(url)) { Body = body }, cancellationToken);

    /// <summary>Sends a <c>PUT</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="body">The request body, or null for none.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Put(string url, RequestBody? body, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Put, _urls.Parse(url)) { Body = body }, cancellationToken);

    /// <summary>Sends a <c>PUT</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="body">The request body, or null for none.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> PutAsync(string url, RequestBody? body, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Put, _urls.Parse(url)) { Body = body }, cancellationToken);

    /// <summary>Sends a <c>PATCH</c> request (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="body">The request body, or null for none.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public Response Patch(string url, RequestBody? body, CancellationToken cancellationToken = default) =>
        Send(new Request(HttpMethods.Patch, _urls.Parse(url)) { Body = body }, cancellationToken);

    /// <summary>Sends a <c>PATCH</c> request asynchronously (body buffered).</summary>
    /// <param name="url">An absolute URL, or one relative to <see cref="SessionOptions.BaseAddress"/>.</param>
    /// <param name="body">The request body, or null for none.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public ValueTask<Response> PatchAsync(string url, RequestBody? body, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethods.Patch, _urls.Parse(url)) { Body = body }, cancellationToken);
}
