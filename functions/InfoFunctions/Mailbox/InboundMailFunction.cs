using Microsoft.AspNetCore.Http.Features;

namespace InfoFunctions.Mailbox;

/// <summary>
/// SendGrid Inbound Parse webhook: the function key guards it; <see cref="InboundMailService"/> does the rest.
/// </summary>
public sealed class InboundMailFunction(InboundMailService inbound)
{
    [Function("InboundMail"), Public]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/inbound/mail")] HttpRequest req,
        CancellationToken ct)
    {
        if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = inbound.MaxBodyBytes;
        return Api.Ok(await inbound.ReceiveAsync(req.Headers[InboundSignatureVerifier.SignatureHeader].ToString(),
            req.Headers[InboundSignatureVerifier.TimestampHeader].ToString(), req.ContentType, req.ContentLength,
            req.Body, ct));
    }
}
