using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace InfoFunctions.Platform;

/// <summary>
/// The one rule for text and days that come from outside (API bodies, query strings, form fields, imported
/// cells): a documented maximum length; no C0 or C1 control characters (tab and line breaks only where the text
/// may span lines); no unpaired surrogates; days between <see cref="FirstDay"/> and <see cref="LastDay"/>.
/// Storage then never sees a value over its 64 KiB property limit, and documents (通报, payout sheets, mail)
/// never meet a character XML or a mail header cannot carry. <see cref="Check(object)"/> walks a request object
/// by its <see cref="TextAttribute"/>s and names each field at fault as the client wrote it
/// (<c>authors[1].name</c>).
/// </summary>
public static class InputRules
{
    /// <summary>A text field without a <see cref="TextAttribute"/>: one line of at most this many characters.</summary>
    public const int DefaultMax = 200;
    /// <summary>Keys of a JSON object that is a map (carrier ids, grades…).</summary>
    public const int KeyMax = 100;
    /// <summary>The usual maxima: names of people, units and carriers; titles; notes; comments and reasons.</summary>
    public const int NameMax = 100, TitleMax = 200, NoteMax = 500, CommentMax = 2000;
    /// <summary>An e-mail address (RFC 5321), a web link, a file name as the client gives it.</summary>
    public const int EmailMax = 254, UrlMax = 500, FileNameMax = 255;
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2099, 12, 31);
    /// <summary>How a day is written, for messages.</summary>
    public const string DayHint = "yyyy-MM-dd（2000 至 2099 年间）";

    private static readonly TextAttribute Default = new(DefaultMax);
    private static readonly TextAttribute Key = new(KeyMax);
    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    private sealed record Member(PropertyInfo Property, string Name, TextAttribute? Text);

    /// <summary>Why <paramref name="text"/> is refused, in Chinese; null when it is fine (or absent).</summary>
    public static string? TextFault(string? text, int max, bool multiline = false)
    {
        if (text is null) return null;
        if (text.Length > max) return $"过长：最多 {max} 个字符，现有 {text.Length} 个";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return $"第 {i + 1} 个字符是不成对的代理项（无效的 Unicode）";
            else if (IsControl(c, multiline))
                return $"第 {i + 1} 个字符是控制字符 U+{(int)c:X4}" + (multiline ? "（只允许换行和制表符）" : "（此处不允许换行或制表符）");
        }
        return null;
    }

    /// <summary>C0 and C1 controls and DEL; tab, CR and LF are text where lines are allowed.</summary>
    public static bool IsControl(char c, bool multiline) =>
        c is < ' ' or (>= '\u007F' and <= '\u009F') && !(multiline && c is '\t' or '\n' or '\r');

    /// <summary>Adds an error naming <paramref name="field"/> when its text is refused.</summary>
    public static void Text(List<FieldError> errors, string field, string? text, int max, bool multiline = false)
    {
        if (TextFault(text, max, multiline) is { } fault) errors.Add(new(field, $"{field} {fault}。"));
    }

    /// <summary>
    /// Text for an XML document (docx, xlsx) without the characters XML 1.0 cannot hold: whatever got stored before
    /// these rules existed still renders instead of breaking the whole document.
    /// </summary>
    public static string XmlSafe(string text)
    {
        if (TextFault(text, int.MaxValue, multiline: true) is null) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                sb.Append(c).Append(text[++i]);
            else if (!char.IsSurrogate(c) && (c >= ' ' || c is '\t' or '\n' or '\r')) sb.Append(c);
        }
        return sb.ToString();
    }

    public static bool IsSupported(DateOnly day) => day >= FirstDay && day <= LastDay;

    /// <summary>A year as a route or query gives it: four digits, 2000–2099.</summary>
    public static bool TryParseYear(string? text, out int year) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
            out year) && year >= FirstDay.Year && year <= LastDay.Year;

    public const string DayFault = "日期应在 2000-01-01 至 2099-12-31 之间";

    /// <summary>The longest path segment (an id, a file name) and query value any route takes.</summary>
    public const int SegmentMax = FileNameMax, QueryMax = 1000;

    /// <summary>
    /// The path segments and query parameters of any request (the HTTP gate asks before a function runs): one
    /// line each, at most <see cref="SegmentMax"/> and <see cref="QueryMax"/> characters; routes check their own
    /// parameters more closely.
    /// </summary>
    public static Problem? PathAndQuery(string? path, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var errors = new List<FieldError>();
        foreach (var segment in (path ?? "").Split('/'))
            if (TextFault(segment, SegmentMax) is { } fault)
            {
                errors.Add(new("path", $"路径“{Excerpt(segment)}” {fault}。"));
                break;
            }
        foreach (var (name, value) in query)
        {
            if (TextFault(name, KeyMax) is { } bad) errors.Add(new("query", $"查询参数名 {bad}。"));
            else Text(errors, name, value, QueryMax);
        }
        if (errors.Count == 0) return null;
        // The same code a route gives its own bad query values.
        return errors[0].Field == "path"
            ? Problem.Invalid("invalid-path", $"请求路径有误：{errors[0].Message}", errors)
            : Problem.Invalid("invalid-query", $"查询参数有误：{errors[0].Message}", errors);
    }

    private static string Excerpt(string text)
    {
        var shown = new string(text.Take(20).Select(c => IsControl(c, false) || char.IsSurrogate(c) ? '?' : c)
            .ToArray());
        return text.Length > 20 ? shown + "…" : shown;
    }

    /// <summary>
    /// Every text field of a request object (and of the objects, lists and maps in it) against its
    /// <see cref="TextAttribute"/>, and every day against the supported range.
    /// </summary>
    public static List<FieldError> Check(object input)
    {
        var errors = new List<FieldError>();
        Walk(input, "", Default, errors);
        return errors;
    }

    private static void Walk(object? value, string path, TextAttribute limit, List<FieldError> errors)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                Text(errors, path, s, limit.Max, limit.Multiline);
                return;
            case DateOnly day:
                if (!IsSupported(day)) errors.Add(new(path, $"{path} {DayFault}。"));
                return;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    var key = entry.Key.ToString() ?? "";
                    var at = $"{path}[{JsonSerializer.Serialize(key, Json.Options)}]";
                    Walk(key, at, Key, errors);
                    Walk(entry.Value, at, limit, errors);
                }
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list) Walk(item, $"{path}[{i++}]", limit, errors);
                return;
        }
        var type = value.GetType();
        if (type.Assembly != typeof(InputRules).Assembly || type.IsEnum) return;
        foreach (var m in Members.GetOrAdd(type, Describe))
            Walk(m.Property.GetValue(value), path.Length == 0 ? m.Name : $"{path}.{m.Name}", m.Text ?? Default, errors);
    }

    private static Member[] Describe(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.CanWrite)
        .Select(p => new Member(p, Json.Options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, LimitOf(p)))
        .ToArray();

    /// <summary>A property's declared limit: on the property, or on the record parameter it comes from.</summary>
    public static TextAttribute? LimitOf(PropertyInfo property) =>
        property.GetCustomAttribute<TextAttribute>()
        ?? property.DeclaringType?.GetConstructors().SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => p.Name == property.Name && p.GetCustomAttribute<TextAttribute>() is not null)
            ?.GetCustomAttribute<TextAttribute>();
}
