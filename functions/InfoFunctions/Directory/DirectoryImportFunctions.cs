using System.Net.Http.Headers;
using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Bulk import of the office's Excel lists, and the demo data set. Admin only.</summary>
public sealed class DirectoryImportFunctions(Authenticator auth, DirectoryImporter importer, IOptions<DirectoryOptions> options)
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Function("ImportUnits")]
    public async Task<IActionResult> ImportUnits([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/import/units")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (sheet, failure) = await ReadSheetAsync(req);
        if (failure is not null) return failure;
        return ToResult(await importer.ImportUnitsAsync(sheet!, req.HttpContext.RequestAborted));
    }

    [Function("ImportPeople")]
    public async Task<IActionResult> ImportPeople([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/import/people")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (sheet, failure) = await ReadSheetAsync(req);
        if (failure is not null) return failure;
        return ToResult(await importer.ImportPeopleAsync(sheet!, req.HttpContext.RequestAborted));
    }

    /// <summary>Loads <see cref="DemoData"/>; running it again changes nothing.</summary>
    [Function("LoadDemoDirectory")]
    public async Task<IActionResult> LoadDemo([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/demo")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var units = await importer.UpsertUnitsAsync(DemoData.UnitRows, f => f, ct);
        if (units.Summary is null) return DemoConflict(units, "单位");
        var carriers = await importer.UpsertCarriersAsync(DemoData.Carriers, ct);
        if (carriers.Summary is null) return DemoConflict(carriers, "载体");
        var people = await importer.UpsertPeopleAsync(DemoData.PersonRows, f => f, ct);
        if (people.Summary is null) return DemoConflict(people, "人员");
        return Api.Ok(new DemoSummary(units.Summary, carriers.Summary, people.Summary));
    }

    private static ApiResult DemoConflict(ImportResult r, string what) =>
        Api.Problem(409, "demo-conflict", $"演示{what}与现有数据冲突，未能载入：{string.Join("；", r.Errors.Select(e => e.Message))}", r.Errors);

    private static ApiResult ToResult(ImportResult r)
    {
        if (r.Summary is not null) return Api.Ok(r.Summary);
        if (r.Concurrent)
            return Api.Conflict("concurrent-change", "导入期间名录被他人修改，请重新导入。");
        var first = r.Errors[0];
        return Api.BadRequest("import-invalid",
            $"导入文件有 {r.Errors.Count} 处错误，未导入任何数据。第一处：第 {first.Line} 行{(first.Column is null ? "" : $"“{first.Column}”列")}：{first.Message}",
            r.Errors);
    }

    private async Task<(SheetReadResult? Sheet, ApiResult? Failure)> ReadSheetAsync(HttpRequest req)
    {
        MediaTypeHeaderValue? type = null;
        if (req.ContentType is not { Length: > 0 } contentType || !MediaTypeHeaderValue.TryParse(contentType, out type)
            || type.MediaType is not (CsvType or XlsxType))
            return (null, Api.Problem(415, "unsupported-media-type",
                $"请以 Content-Type: {CsvType}（CSV，UTF-8 或 GB18030）或 {XlsxType}（Excel 工作簿）上传文件。"));

        var max = options.Value.MaxImportBytes;
        if (req.ContentLength > max) return (null, TooLarge(max));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, req.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max) return (null, TooLarge(max));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (null, Api.BadRequest("empty-file", "上传的文件是空的。"));

        if (type!.MediaType == CsvType)
            return (CsvParser.Parse(TextDecoding.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type.CharSet?.Trim('"'))), null);
        buffer.Position = 0;
        return (XlsxReader.Read(buffer), null);
    }

    private static ApiResult TooLarge(int max) =>
        Api.Problem(413, "file-too-large", $"文件超过 {max / 1024 / 1024.0:0.#} MB 的上限，请拆分后分批导入。");
}
