namespace InfoFunctions.Submissions;

/// <summary>Where and how to put a large file, until when, and where to confirm it.</summary>
public sealed record UploadTicket(
    string UploadId, string FileName, Uri UploadUrl, string Method, IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ExpiresAt, string ConfirmUrl)
{
    public static string PathOf(string reportId, string uploadId) => $"{ReportIds.Path(reportId)}/uploads/{uploadId}";
}
