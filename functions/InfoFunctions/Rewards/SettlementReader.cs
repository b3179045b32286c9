using Azure.Storage.Blobs;

namespace InfoFunctions.Rewards;

/// <summary>
/// Settled half-years as people read them: the summary with its statements, one statement, the payout sheet.
/// </summary>
public sealed class SettlementReader(SettlementStore store, BlobServiceClient blobs)
{
    public Task<IReadOnlyList<SettlementSummary>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    public async Task<Result<SettlementView>> GetAsync(string period, CancellationToken ct)
    {
        if (!HalfYear.TryParse(period, out var p)) return HalfYear.Invalid(period);
        var s = await store.GetAsync(p, ct);
        if (s is null
            || s.Value.Summary.Status == SettlementStatus.Open) return Problem.NotFound($"{p.DisplayName}的结算");
        return await ViewAsync(p, s.Value.Summary, ct);
    }

    /// <summary>A person may read their own statement, a unit's people their unit's; admins and leaders all.</summary>
    public async Task<Result<Statement>> StatementAsync(
        Principal who, string period, string partyKind, string partyId, CancellationToken ct)
    {
        if (!HalfYear.TryParse(period, out var p)) return HalfYear.Invalid(period);
        if (partyKind is not ("person" or "unit")) return Problem.NotFound("结算单类型（person 或 unit）");
        var kind = partyKind == "unit" ? PartyKind.Unit : PartyKind.Person;
        if (!LedgerReader.MayRead(who, kind, partyId)) return Problem.Forbidden("只能查看本人或本单位的结算单。");
        return await store.GetStatementAsync(p, kind, partyId, ct) is { } s ? s
            : Problem.NotFound($"{p.DisplayName}的结算单");
    }

    /// <summary>The payout sheet as XLSX or CSV, named in Chinese.</summary>
    public async Task<Result<FileDownload>> PayoutAsync(string period, string format, CancellationToken ct)
    {
        if (!HalfYear.TryParse(period, out var p)) return HalfYear.Invalid(period);
        if (format is not ("xlsx" or "csv")) return Problem.NotFound("该格式的发放表（xlsx 或 csv）");
        var (blob, type) = format == "xlsx"
            ? (SettlementService.XlsxBlob(p), Xlsx.ContentType)
            : (SettlementService.CsvBlob(p), PayoutSheets.CsvType);
        try
        {
            var content = await blobs.GetBlobContainerClient(StorageNames.Containers.Settlements).GetBlobClient(blob)
                .DownloadContentAsync(ct);
            return new FileDownload(content.Value.Content.ToArray(), type, $"{p.DisplayName}信息奖励发放表.{format}",
                $"payout-{p.Key}.{format}");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problem.NotFound($"{p.DisplayName}的发放表");
        }
    }

    /// <summary>The view of a settlement just made or marked paid; its problem when there is none.</summary>
    public async Task<Result<SettlementView>> ViewAsync(Result<SettlementSummary> settled, CancellationToken ct) =>
        settled.IsOk && HalfYear.TryParse(settled.Value.Period, out var p)
            ? await ViewAsync(p, settled.Value, ct)
            : settled.Problem!;

    private async Task<SettlementView> ViewAsync(HalfYear p, SettlementSummary summary, CancellationToken ct)
    {
        var rows = (await store.ListStatementsAsync(p, ct))
            .OrderBy(s => s.PartyKind).ThenBy(s => s.PartyId, StringComparer.Ordinal)
            .Select(s =>
            {
                var kind = s.PartyKind.ToString().ToLowerInvariant();
                return new StatementRow(kind, s.PartyId, s.Name, s.UnitName, s.Points, s.Yuan, s.AdoptedReports,
                    s.AdjustmentYuan,
                        $"/api/rewards/settlements/{p.Key}/statements/{kind}/{Uri.EscapeDataString(s.PartyId)}");
            })
            .ToList();
        return new SettlementView(summary, p.DisplayName, p.RangeText, rows, new Dictionary<string, string>
        {
            ["xlsx"] = $"/api/rewards/settlements/{p.Key}/payout/xlsx",
            ["csv"] = $"/api/rewards/settlements/{p.Key}/payout/csv",
        });
    }
}
