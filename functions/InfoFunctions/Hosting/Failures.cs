namespace InfoFunctions.Hosting;

/// <summary>How an exception that escaped a function reads to the caller.</summary>
public static class Failures
{
    /// <summary>
    /// Storage did not answer: no response at all (status 0: refused, reset, timed out), a server-side
    /// failure, or the SDK's retries running out on those. The caller may retry later.
    /// </summary>
    public static bool IsStorageUnavailable(Exception ex) =>
        ex switch
        {
            RequestFailedException r => r.Status is 0 or >= 500,
            AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsStorageUnavailable),
            HttpRequestException or TimeoutException or System.Net.Sockets.SocketException or System.IO.IOException =>
                true,
            // The SDK reports its own network timeout as a cancellation nobody asked for.
            TaskCanceledException => true,
            _ => false,
        };

    /// <summary>Kestrel refused the body while the function read it (too large, malformed framing).</summary>
    public static BadHttpRequestException? BadRequest(Exception ex) =>
        ex as BadHttpRequestException ?? ex.InnerException as BadHttpRequestException;
}
