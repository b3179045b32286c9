using System.Text.RegularExpressions;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// 规范信息报送格式: what a report must look like before an editor spends time on it. Each failure is a
/// concrete fix for the author, never a rejection.
/// </summary>
public static partial class IntakeChecks
{
    public const int TitleMin = 6;
    public const int BodyMin = 80;
    public const int BodyMax = 5000;

    /// <summary>
    /// Fixes the author must make; empty when the report passes. <paramref name="unreadable"/> names
    /// attachments that could not be read.
    /// </summary>
    public static IReadOnlyList<string> Run(Report r, IReadOnlyCollection<string> unreadable, IntakeRules rules) =>
    [
        .. Check(r.Title, r.Body, r.Authors.Select(a => a.Name).ToList(),
            r.Attachments.Count(a => a.Kind == AttachmentKind.Image), rules).Select(f => f.Message),
        .. unreadable.Select(name => $"附件“{name}”无法读取（文件为空或已损坏），请重新上传。"),
    ];

    /// <summary>
    /// The checks on a draft, each fix naming its field (title, body, authors, photos): the console asks
    /// while the author types.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(
        string title, string body, IReadOnlyList<string?> authorNames, int images, IntakeRules rules)
    {
        var fixes = new List<FieldError>();
        title = title.Trim();
        if (title.Length == 0) fixes.Add(new("title", "请填写标题。"));
        else if (title.Length < rules.TitleMin)
            fixes.Add(new("title",
                $"标题过短（{title.Length} 字），请写明何时、何单位、做了什么，至少 {rules.TitleMin} 字。"));
        else if (title.Length > rules.TitleMax)
            fixes.Add(new("title", $"标题过长（{title.Length} 字），请压缩到 {rules.TitleMax} 字以内。"));

        var chars = CharCounter.Count(body);
        if (chars == 0) fixes.Add(new("body", "请填写正文。"));
        else if (chars < BodyMin) fixes.Add(new("body", $"正文过短（{chars} 字），信息稿正文应不少于 {BodyMin} 字，请补充时间、地点、做法和成效。"));
        else if (chars > BodyMax) fixes.Add(new("body", $"正文过长（{chars} 字），请精简到 {BodyMax} 字以内，或将调研全文作为附件报送。"));

        if (authorNames.Count == 0 || authorNames.Any(string.IsNullOrWhiteSpace))
            fixes.Add(new("authors", "请填写作者姓名。"));

        // Carriers that print photos print each with a caption: one "图为……" line per photo.
        var captions = Captions(body);
        if (rules.CaptionsRequired && images > captions)
            fixes.Add(new("photos", $"稿件附有 {images} 张图片，正文中只有 {captions} 条图片说明；" +
                "请为每张图片在正文末尾写一行“图为……”说明。"));
        return fixes;
    }

    /// <summary>How many caption lines (“图为……”, “图1……”) the text has.</summary>
    public static int Captions(string body) => Caption().Matches(body).Count;

    [GeneratedRegex(@"^[ \t（(]*(图为|图片说明|图\s*[0-9一二三四五六七八九十]+)", RegexOptions.Multiline)]
    private static partial Regex Caption();
}
