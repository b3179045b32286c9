namespace InfoFunctions.Notifications;

/// <summary>Each person's opt-outs: optional notices may be turned off, mandatory ones never.</summary>
public sealed class PreferenceService(PreferenceStore preferences, TimeProvider time)
{
    public async Task<PreferencesView> GetAsync(Principal who, CancellationToken ct)
    {
        var optedOut = await preferences.GetOptedOutAsync(who.Id, ct);
        return new PreferencesView(who.Id, Templates.All
            .Select(t =>
                new PreferenceItem(t.Name, t.DisplayName, t.Mandatory, t.Mandatory || !optedOut.Contains(t.Name)))
            .ToList());
    }

    /// <summary>Replaces the caller's opt-outs; an unknown or mandatory notice refuses the whole request.</summary>
    public async Task<Result<PreferencesView>> SetAsync(Principal who, UpdatePreferencesRequest body,
        CancellationToken ct)
    {
        var wanted = (body.OptedOut ?? []).Select(t => t?.Trim() ?? "").ToList();
        var unknown = wanted.Where(t => !Templates.IsKnown(t)).ToList();
        if (unknown.Count > 0)
            return Problem.Invalid("unknown-template", $"没有这些通知类型：{string.Join("、", unknown)}。",
                unknown.Select(t => new FieldError("optedOut", $"没有通知类型“{t}”。")).ToList());
        var mandatory = wanted.Select(Templates.Find).Where(t => t!.Mandatory).Select(t => t!).ToList();
        if (mandatory.Count > 0)
            return Problem.Invalid("mandatory-notice",
                $"以下通知必须接收，不能退订：{string.Join("、", mandatory.Select(t => t.DisplayName))}。",
                mandatory.Select(t => new FieldError("optedOut", $"“{t.DisplayName}”（{t.Name}）必须接收。")).ToList());
        await preferences.SetOptedOutAsync(who.Id, wanted, time.GetUtcNow(), ct);
        return await GetAsync(who, ct);
    }
}
