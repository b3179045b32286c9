using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// A carrier record as stored beside its report (RK <c>key~a&lt;carrierId&gt;</c>); days as <c>yyyy-MM-dd</c>.
/// </summary>
public sealed class CarrierRow : TableRow
{
    public const string Kind = "carrier";

    public string? CarrierId { get; set; }
    public string? CarrierName { get; set; }
    public string? Outcome { get; set; }
    public string? ForwardedOn { get; set; }
    public string? ForwardedBy { get; set; }
    public string? AdoptedOn { get; set; }
    public string? Issue { get; set; }
    public string? Page { get; set; }
    public string? Url { get; set; }
    public string? Evidence { get; set; }
    public string? EndorsementLevel { get; set; }
    public string? EndorsedBy { get; set; }
    public string? EndorsementText { get; set; }
    public string? EventId { get; set; }
    public string? Note { get; set; }

    public string Type { get; set; } = Kind;

    public static CarrierRow Of(string reportId, CarrierRecord c)
    {
        var (unit, rowKey) = ReportRows.Beside(reportId, ReportRows.Carrier, c.CarrierId);
        return new CarrierRow
        {
            PartitionKey = unit,
            RowKey = rowKey,
            CarrierId = c.CarrierId,
            CarrierName = c.CarrierName,
            Outcome = c.Outcome,
            ForwardedOn = Day(c.ForwardedOn),
            ForwardedBy = c.ForwardedBy,
            AdoptedOn = Day(c.AdoptedOn),
            Issue = c.Issue,
            Page = c.Page,
            Url = c.Url,
            Evidence = c.Evidence,
            EndorsementLevel = c.EndorsementLevel,
            EndorsedBy = c.EndorsedBy,
            EndorsementText = c.EndorsementText,
            EventId = c.EventId,
            Note = c.Note,
        };
    }

    public CarrierRecord ToRecord() => new(
        CarrierId!, CarrierName!, Outcome!, Day(ForwardedOn) ?? default, ForwardedBy!, Day(AdoptedOn), Issue, Page, Url,
        Evidence, EndorsementLevel, EndorsedBy, EndorsementText, EventId, Note);

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? Day(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
