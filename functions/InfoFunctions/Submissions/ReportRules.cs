namespace InfoFunctions.Submissions;

public static class ReportRules
{
    public const int MaxTitleLength = 200;

    /// <summary>
    /// Checks a submission. Officers submit for their own unit; office roles may name any unit
    /// (submitting on behalf). Authors default to the submitter; shares are all given or none. An author given by
    /// personId is named by <paramref name="directory"/> (the people the request names, by id), whatever name came
    /// with it; a co-author of another unit is unconfirmed until an editor confirms them.
    /// </summary>
    public static Result<ReportDraft> Validate(SubmitReportRequest r, Principal who, Channel defaultChannel,
        IReadOnlyDictionary<string, PersonIdentity>? directory = null)
    {
        var errors = InputRules.Check(r); // form fields come here unchecked
        if (errors.Count > 0) return Problem.Invalid(errors);
        var title = PlainText.Normalize(r.Title ?? "").Replace('\n', ' ');
        if (title.Length == 0) errors.Add(new("title", "标题不能为空。"));
        else if (title.Length > MaxTitleLength) errors.Add(new("title", $"标题过长（最多 {MaxTitleLength} 个字符）。"));

        var body = PlainText.Clean(r.Body);
        if (body.Length == 0) errors.Add(new("body", "正文不能为空。"));
        else if (body.Length > ReportStore.MaxBodyLength)
            errors.Add(new("body", $"正文过长（最多 {ReportStore.MaxBodyLength} 个字符），请改为上传附件。"));

        var category = ReportCategory.Other;
        if (!string.IsNullOrWhiteSpace(r.Category))
        {
            if (Categories.Parse(r.Category) is { } c) category = c;
            else errors.Add(new("category", $"类别“{r.Category}”无效；可选：日常动态、典型经验、综合调研、建议、其他。"));
        }

        var channel = defaultChannel;
        if (!string.IsNullOrWhiteSpace(r.Channel))
        {
            if (Enum.TryParse<Channel>(r.Channel, true, out var ch) && ch != Channel.Email) channel = ch;
            else errors.Add(new("channel", "渠道（channel）只能是 web 或 api。"));
        }

        var office = who.IsInRole(Role.Office);
        var unitId = string.IsNullOrWhiteSpace(r.UnitId) ? who.UnitId : r.UnitId.Trim();
        if (unitId is null) errors.Add(new("unitId", "请指定报送单位（unitId）。"));
        else if (!IsValidUnitId(unitId)) errors.Add(new("unitId", $"单位编码“{unitId}”格式无效。"));
        else if (!office && unitId != who.UnitId) return Problem.Forbidden("信息员只能为本单位报送稿件。");

        var authors = Authors(r.Authors, who, unitId, directory ?? new Dictionary<string, PersonIdentity>(), errors);

        var topic = string.IsNullOrWhiteSpace(r.TopicId) ? null : r.TopicId.Trim();

        return errors.Count > 0
            ? Problem.Invalid("invalid-report", string.Join(" ", errors.Select(e => e.Message)), errors)
            : new ReportDraft(unitId!, title, body, category, authors, topic, channel);
    }

    public static bool IsValidUnitId(string id) =>
        id.Length is >= 2 and <= 40 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    /// <summary>The person ids the authors are given by, whose names and units the directory supplies.</summary>
    public static IReadOnlyList<string> NamedAuthors(SubmitReportRequest r) =>
        (r.Authors ?? []).Where(a => !string.IsNullOrWhiteSpace(a?.PersonId))
            .Select(a => a!.PersonId!.Trim()).Distinct().Take(MaxAuthors).ToList();

    private const int MaxAuthors = 20;

    private static IReadOnlyList<ReportAuthor> Authors(IReadOnlyList<AuthorInput>? input, Principal who,
        string? unitId, IReadOnlyDictionary<string, PersonIdentity> directory, List<FieldError> errors)
    {
        if (input is null || input.Count == 0)
            return [new ReportAuthor(who.Id, who.Name, null, false)];
        if (input.Count > MaxAuthors) { errors.Add(new("authors", $"作者最多 {MaxAuthors} 位。")); return []; }

        var list = new List<ReportAuthor>();
        for (var i = 0; i < input.Count; i++)
        {
            var a = input[i];
            var personId = string.IsNullOrWhiteSpace(a?.PersonId) ? null : a.PersonId.Trim();
            // A person in the directory is named as the directory names them: a name sent along never replaces it.
            PersonIdentity? person = null;
            if (personId is not null && personId != who.Id && !directory.TryGetValue(personId, out person))
            {
                errors.Add(new($"authors[{i}].personId", $"名录中没有人员“{personId}”，请核对人员编号，或只填写姓名。"));
                continue;
            }
            var name = personId == who.Id ? who.Name : person?.Name ?? a?.Name?.Trim();
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new($"authors[{i}].name", "请填写作者姓名。"));
                continue;
            }
            if (a!.Share is { } s && (s <= 0 || s > 1 || decimal.Round(s, 4) != s))
                errors.Add(new($"authors[{i}].share", "署名份额应在 0 到 1 之间，最多四位小数。"));
            list.Add(new ReportAuthor(personId, name, a.Share, a.IsDeputy ?? false,
                Unconfirmed: person is not null && person.UnitId != unitId));
        }
        var withShare = list.Count(x => x.Share is not null);
        if (withShare > 0 && withShare < list.Count)
            errors.Add(new("authors", "署名份额要么都填，要么都不填（不填时平均分配）。"));
        else if (withShare > 0 && list.Sum(x => x.Share!.Value) != 1m)
            errors.Add(new("authors", "各作者份额之和应为 1。"));
        if (list.Where(x => x.PersonId is not null).GroupBy(x => x.PersonId).Any(g => g.Count() > 1))
            errors.Add(new("authors", "同一作者不能重复署名。"));
        return list;
    }
}
