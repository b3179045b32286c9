namespace InfoFunctions.Dispatch;

/// <summary>A stored 通报 and where to read it as JSON, Word and workbook.</summary>
public sealed record BulletinListItem(
    string Period, string PeriodName, DateTimeOffset GeneratedAt, string JsonUrl, string DocxUrl, string XlsxUrl);
