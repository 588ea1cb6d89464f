using System.Collections.Generic;
using Reqivo.Bodies;

namespace Reqivo;

/// <content>Form bodies: <c>application/x-www-form-urlencoded</c>; see <see cref="MultipartFormBody"/> for <c>multipart/form-data</c>.</content>
public abstract partial class RequestBody
{
    /// <summary>
    /// An <c>application/x-www-form-urlencoded</c> body, serialized as browsers do (WHATWG URL Standard §5.2): UTF-8,
    /// a space as <c>+</c>, every byte but ASCII letters, digits and <c>*-._</c> percent-encoded, in the given order.
    /// Known length and replayable.
    /// </summary>
    /// <param name="fields">The name/value pairs; a name may repeat.</param>
    public static RequestBody FromForm(IEnumerable<KeyValuePair<string, string>> fields) =>
        new BytesBody(FormUrlEncoder.Encode(fields), "application/x-www-form-urlencoded");
}
