using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

[Collection("app")]
public class ReviewLedgerTests(AppFixture fx)
{
    [Fact]
    public async Task Ledger_messages_left_unsent_by_a_crash_are_sent_by_the_next_register_action()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        var id = await SubmitAsync(officer, "萧县人大常委会听取代表意见（账本补发）" + Guid.NewGuid().ToString("N")[..4], WalkBody("09"));
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(fx, editorId);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(signer, id, etag, "signOff", "signedOff");
        etag = await OkAsync(editor, id, etag, "forward", "forwarded", new { carriers = new[] { new { carrierId = "ah-web" }, new { carrierId = "ah-xxzk" } } });
        etag = await OkAsync(editor, id, etag, "adopt", "adopted", new { adoption = new { carrierId = "ah-web", adoptedOn = Today } });

        // As if the process died after the commit and before the queue send.
        ReportIds.TryParse(id, out var unit, out var key);
        var table = fx.Tables.GetTableClient(StorageNames.Tables.Reports);
        var rows = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {unit} and RowKey gt {key + "~e"} and RowKey lt {key + "~f"} and What eq {"adopt"}")))
            rows.Add(e);
        var adoptRow = Assert.Single(rows);
        Assert.True(adoptRow.GetBoolean("LedgerSent"));
        await table.UpdateEntityAsync(new TableEntity(unit, adoptRow.RowKey) { ["LedgerSent"] = false }, ETag.All, TableUpdateMode.Merge);

        etag = await OkAsync(editor, id, etag, "notAdopted", "adopted", new { carrierId = "ah-xxzk" });
        Assert.True((await table.GetEntityAsync<TableEntity>(unit, adoptRow.RowKey)).Value.GetBoolean("LedgerSent"));
    }
}
