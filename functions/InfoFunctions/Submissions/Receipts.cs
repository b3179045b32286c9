using InfoFunctions.Platform;
using System.Globalization;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Notifications;

namespace InfoFunctions.Submissions;

/// <summary>
/// The acknowledgement with the tracking number, the same for every channel. The first step of the
/// review pipeline sends it, so intake itself spends nothing on it; the key makes it go out once.
/// </summary>
public sealed class Receipts(UnitStore units, IRecipientDirectory people, NotificationQueue notifications)
{

    public async Task SendAsync(Report report, CancellationToken ct)
    {
        // The first active author in the directory (an editor accepting quarantined mail is not the author), else the
        // submitter. Asked as a recipient: whether someone holds the editor role today is not needed here.
        string? recipient = null;
        foreach (var id in report.Authors.Select(a => a.PersonId).Append(report.SubmittedBy).OfType<string>())
            if (await people.FindPersonAsync(id, ct) is not null) { recipient = id; break; }
        if (recipient is null) return; // e.g. the bootstrap admin: nobody to tell

        var unitName = (await units.GetAsync(report.UnitId, ct))?.Value.Name ?? report.UnitId;
        var submittedAt = TimeZoneInfo.ConvertTime(report.SubmittedAt, BusinessTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await notifications.EnqueueAsync(NotificationMessage.Create($"receipt:{report.TrackingNumber}", Templates.Receipt, NotificationTo.Person(recipient),
            new
            {
                reportId = report.Id, title = report.Title, trackingNumber = report.TrackingNumber, unitName,
                submittedAt,
            }), ct);
    }
}
