using System.Collections.Concurrent;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Notifications;

namespace InfoFunctions.Submissions;

/// <summary>
/// The acknowledgement with the tracking number, the same for every channel. The first step of the
/// review pipeline sends it, so intake itself spends nothing on it; the key makes it go out once.
/// What it asks the directory (is this author active, what is the unit called) is kept for
/// <see cref="RememberFor"/> per instance: a burst of reports from one unit reads the directory once, and a
/// receipt that uses a name changed seconds ago is harmless.
/// </summary>
public sealed class Receipts(UnitStore units, IRecipientDirectory people, NotificationQueue notifications,
    TimeProvider time)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? Answer)> _answers = new();

    public async Task SendAsync(Report report, CancellationToken ct)
    {
        // The first active author in the directory (an editor accepting quarantined mail is not the author), else the
        // submitter. Asked as a recipient: whether someone holds the editor role today is not needed here.
        string? recipient = null;
        foreach (var id in report.Authors.Select(a => a.PersonId).Append(report.SubmittedBy).OfType<string>())
            if (await RememberAsync("person:" + id, async () =>
                    await people.FindPersonAsync(id, ct) is null ? null : id) is not null)
            {
                recipient = id;
                break;
            }
        if (recipient is null) return; // e.g. the bootstrap admin: nobody to tell

        var unitName = await RememberAsync("unit:" + report.UnitId, async () =>
            (await units.GetAsync(report.UnitId, ct))?.Value.Name) ?? report.UnitId;
        var submittedAt = TimeZoneInfo.ConvertTime(report.SubmittedAt, BusinessTime.Zone)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await notifications.EnqueueAsync(NotificationMessage.Create($"receipt:{report.TrackingNumber}",
            Templates.Receipt, NotificationTo.Person(recipient),
            new
            {
                reportId = report.Id,
                title = report.Title,
                trackingNumber = report.TrackingNumber,
                unitName,
                submittedAt,
            }), ct);
    }

    private async Task<string?> RememberAsync(string key, Func<Task<string?>> ask)
    {
        var now = time.GetUtcNow();
        if (_answers.TryGetValue(key, out var known) && now - known.At < RememberFor) return known.Answer;
        var answer = await ask();
        _answers[key] = (now, answer);
        return answer;
    }
}
