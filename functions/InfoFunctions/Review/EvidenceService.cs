using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// Adoption evidence (a screenshot of the web page, a scan of the printed page): files beside the report's
/// attachments under <see cref="Prefix"/>, or a web link.
/// </summary>
public sealed class EvidenceService(AttachmentStore files, ReviewStore store, TimeProvider time)
{
    public const string Prefix = "evidence/";
    private const int LinkMinutes = 15;

    public async Task<Result<EvidenceFile>> UploadAsync(string reportId, string name, Stream content,
        CancellationToken ct)
    {
        var evidence = Prefix + FileNames.Clean(name, "采用证明");
        var file = await files.UploadAsync(reportId, evidence, content, long.MaxValue, ct);
        return file.Map(f => new EvidenceFile(evidence, f.ContentType, f.Size));
    }

    /// <summary>Where an uploaded evidence file's read link is asked for.</summary>
    public static string LinkPath(string reportId, EvidenceFile file) =>
        $"/api/reports/{reportId}/evidence/{Uri.EscapeDataString(file.Evidence[Prefix.Length..])}/link";

    /// <summary>An adoption may name no evidence, a web link, or an uploaded evidence file of its report.</summary>
    public async Task<bool> IsValidAsync(string reportId, string? evidence, CancellationToken ct) =>
        evidence is null
        || evidence.Length <= 500 && (evidence.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || evidence.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || evidence.StartsWith(Prefix, StringComparison.Ordinal) && await ExistsAsync(reportId, evidence, ct));

    public async Task<Result<AttachmentLink>> LinkAsync(Report report, string name, CancellationToken ct)
    {
        var evidence = Prefix + name;
        if (!(await store.CarriersAsync(report.Id, ct)).Any(c => c.Evidence == evidence)
            && !await ExistsAsync(report.Id, evidence, ct))
            return Problem.NotFound($"采用证明“{name}”");
        var expires = time.GetUtcNow().AddMinutes(LinkMinutes);
        // Uploads are checked against their name's type, so the name tells the type.
        var type = ContentSniffer.Allowed.GetValueOrDefault(FileNames.Extension(evidence))?.ContentType
            ?? "application/octet-stream";
        return new AttachmentLink(name, await files.ReadLinkAsync(report.Id, evidence, type, expires, ct), expires);
    }

    private async Task<bool> ExistsAsync(string reportId, string evidence, CancellationToken ct) =>
        !evidence.Contains("..") && await files.ExistsAsync(reportId, evidence, ct);
}
