using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>约稿 rules: an addressee's status, what the reminder timer owes it, and a new topic's validity.</summary>
public static class TopicRules
{
    public const int MaxAddressees = 200;

    /// <summary>
    /// Fulfilled once a report counting for the addressee was submitted by the deadline (a late report does not
    /// undo the miss); declined stands as given; overdue after the deadline otherwise.
    /// </summary>
    public static TopicStatus Status(Topic t, TopicAddressee a, IEnumerable<ReportFacts> reports, DateTimeOffset now)
    {
        if (reports.Any(r => r.SubmittedAt < t.Deadline)) return TopicStatus.Fulfilled;
        if (a.Response == TopicResponse.Declined) return TopicStatus.Declined;
        if (now >= t.Deadline) return TopicStatus.Overdue;
        return a.Response == TopicResponse.Accepted ? TopicStatus.Accepted : TopicStatus.Open;
    }

    /// <summary>What the reminder timer owes an addressee now.</summary>
    public static (bool Remind, bool Overdue) Due(Topic t, TopicAddressee a, TopicStatus status, DateTimeOffset now,
        TimeSpan reminderLead)
    {
        if (status is TopicStatus.Fulfilled or TopicStatus.Declined) return (false, false);
        if (now >= t.Deadline) return (false, a.OverdueSentAt is null);
        return (a.ReminderSentAt is null && now >= t.Deadline - reminderLead, false);
    }

    public static (TopicInput? Ok, IReadOnlyList<FieldError> Errors, ReportCategory? Category, DateOnly Deadline)
        Validate(TopicInput i, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(i.Title)) errors.Add(new("title", "约稿题目不能为空。"));
        else if (i.Title.Length > 200) errors.Add(new("title", "约稿题目过长（最多 200 个字符）。"));
        if (i.Brief is { Length: > 4000 }) errors.Add(new("brief", "约稿要求过长（最多 4000 个字符）。"));
        ReportCategory? category = null;
        if (!string.IsNullOrWhiteSpace(i.Category))
        {
            category = Categories.Parse(i.Category);
            if (category is null)
                errors.Add(new("category", $"类别“{i.Category}”无效；可选：日常动态、典型经验、综合调研、建议、其他。"));
        }
        if (!BusinessTime.TryParseDay(i.Deadline, out var deadline))
            errors.Add(new("deadline", $"截止日期格式应为 {InputRules.DayHint}（北京时间）。"));
        else if (deadline < today) errors.Add(new("deadline", "截止日期不能早于今天。"));
        var count = (i.UnitIds?.Count ?? 0) + (i.PersonIds?.Count ?? 0);
        if (count == 0) errors.Add(new("unitIds", "请至少指定一个约稿对象（单位 unitIds 或人员 personIds）。"));
        else if (count > MaxAddressees) errors.Add(new("unitIds", $"约稿对象最多 {MaxAddressees} 个。"));
        return (errors.Count == 0 ? i : null, errors, category, deadline);
    }
}
