namespace InfoFunctions.Notifications;

/// <summary>Everyone signed in reads and sets which optional notices they receive.</summary>
public sealed class PreferenceFunctions(PreferenceService preferences)
{
    private const string Route = "api/notifications/preferences";

    [Function("GetNotificationPreferences"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await preferences.GetAsync(req.Principal(), ct));

    [Function("PutNotificationPreferences"), Allow(Role.Anyone)]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<UpdatePreferencesRequest>(req)
            .ThenAsync(body => preferences.SetAsync(req.Principal(), body, ct)));
}
