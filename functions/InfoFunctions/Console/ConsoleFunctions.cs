namespace InfoFunctions.ConsoleFeature;

/// <summary>
/// Serves the console (信息工作台) at the site root, beside <c>/api</c>. No sign-in here: the page holds
/// nothing private, and the API checks every call. Pages are addressed by the URL hash, so the server
/// needs only these two routes.
/// </summary>
public sealed class ConsoleFunctions(ConsoleAssets assets)
{
    /// <summary>
    /// The root. The real host does not match an empty route, so this is an optional parameter that
    /// may only be empty (with host.json <c>routePrefix</c> ""), which matches <c>/</c> alone.
    /// </summary>
    [Function("ConsolePage"), Public]
    public IActionResult Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{page:maxlength(0)?}")] HttpRequest req) =>
        assets.Serve(req, ConsoleAssets.IndexPath);

    [Function("ConsoleAsset"), Public]
    public IActionResult Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest req, string name) =>
        assets.Serve(req, "assets/" + name);
}
