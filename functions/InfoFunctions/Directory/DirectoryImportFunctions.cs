using InfoFunctions.DirectoryFeature.Import;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Bulk import of the office's Excel lists, and the demo data set. Admin only.</summary>
public sealed class DirectoryImportFunctions(DirectoryImporter importer, IOptions<DirectoryOptions> options)
{
    [Function("ImportUnits"), Allow(Role.Admin)]
    public async Task<IActionResult> ImportUnits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/import/units")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await ReadSheetAsync(req).ThenAsync(sheet => importer.ImportUnitsAsync(sheet, ct)));

    [Function("ImportPeople"), Allow(Role.Admin)]
    public async Task<IActionResult> ImportPeople(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/import/people")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await ReadSheetAsync(req).ThenAsync(sheet => importer.ImportPeopleAsync(sheet, ct)));

    /// <summary>Loads <see cref="DemoData"/>; running it again changes nothing.</summary>
    [Function("LoadDemoDirectory"), Allow(Role.Admin)]
    public async Task<IActionResult> LoadDemo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/demo")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await importer.LoadDemoAsync(ct));

    private async Task<Result<SheetReadResult>> ReadSheetAsync(HttpRequest req)
    {
        var kind = SheetFile.KindOf(req.ContentType);
        if (!kind.IsOk) return kind.Problem!;
        var max = options.Value.MaxImportBytes;
        var body = await Api.ReadBodyAsync(req, max);
        if (!body.IsOk)
            return Problem.TooLarge("file-too-large", $"文件超过 {ByteSize.Text(max)} 的上限，请拆分后分批导入。");
        return SheetFile.Read(kind.Value, body.Value);
    }
}
