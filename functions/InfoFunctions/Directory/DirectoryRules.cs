using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// Validation and parsing of directory input, shared by the JSON API and the CSV/XLSX import.
/// Accepts the Chinese words the office writes in its spreadsheets as well as the API's English values.
/// </summary>
public static partial class DirectoryRules
{
    public const int MaxQuota = 10000;

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex IdRegex();

    // Deliberately loose: one @, no spaces, a dot in the domain. Mail delivery is the real test.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$")]
    private static partial Regex PhoneRegex();

    public static bool IsValidId(string? id) => id is not null && IdRegex().IsMatch(id);

    public static string NewId(string prefix) =>
        $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValidEmail(string email) => email.Length <= 254 && EmailRegex().IsMatch(email);

    private static string Key(string text) => text.Trim().ToLowerInvariant().Replace("-", "").Replace("_",
        "").Replace(" ", "");

    public static UnitLevel? ParseUnitLevel(string? text) => text is null ? null : Key(text) switch
    {
        "委室" or "常委会委室" or "市人大常委会各委室" or "committee" or "committeeoffice" => UnitLevel.Committee,
        "两院" or "法检两院" or "法院" or "检察院" or "judicial" or "courtorprocuratorate" => UnitLevel.Judicial,
        "县区" or "县" or "区" or "县区人大" or "县区人大常委会" or "county" or "district" or "countydistrict" => UnitLevel.County,
        "乡镇" or "乡" or "镇" or "乡镇人大" or "township" => UnitLevel.Township,
        _ => null,
    };

    public static string LevelName(UnitLevel level) => level switch
    {
        UnitLevel.Committee => "委室",
        UnitLevel.Judicial => "两院",
        UnitLevel.County => "县区",
        UnitLevel.Township => "乡镇",
        _ => level.ToString(),
    };

    public static Employment? ParseEmployment(string? text) => text is null ? null : Key(text) switch
    {
        "专职" or "fulltime" or "full" => Employment.FullTime,
        "兼职" or "parttime" or "part" => Employment.PartTime,
        _ => null,
    };

    public static CarrierLevel? ParseCarrierLevel(string? text) => text is null ? null : Key(text) switch
    {
        "省级" or "省" or "provincial" or "province" => CarrierLevel.Provincial,
        "市级" or "市" or "municipal" or "city" => CarrierLevel.Municipal,
        _ => null,
    };

    public static CarrierKind? ParseCarrierKind(string? text) => text is null ? null : Key(text) switch
    {
        "网站" or "website" or "web" => CarrierKind.Website,
        "刊物" or "期刊" or "杂志" or "periodical" or "magazine" => CarrierKind.Periodical,
        _ => null,
    };

    public static bool? ParseYesNo(string? text) => text is null ? null : Key(text) switch
    {
        "是" or "yes" or "y" or "true" or "1" => true,
        "否" or "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    public static bool TryParseRole(string text, out Role role)
    {
        role = Key(text) switch
        {
            "信息员" or "officer" => Role.Officer,
            "编辑" or "editor" => Role.Editor,
            "签发" or "签发人" or "signer" => Role.Signer,
            "领导" or "leader" => Role.Leader,
            "管理员" or "admin" or "administrator" => Role.Admin,
            _ => Role.None,
        };
        return role != Role.None;
    }

    /// <summary>Splits a spreadsheet roles cell on 、 ; , and their full-width forms.</summary>
    public static IReadOnlyList<string> SplitRoles(string text) =>
        text.Split(['、', ';', '；', ',', '，', '/'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The longest 简称: it must fit a table column of the 通报.</summary>
    public const int MaxShortName = 10;

    private static string PlainTextLine(string text) => string.Join(" ", text.Split((char[]?)null,
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static UnitDraft? ValidateUnit(UnitInput input, List<FieldError> errors)
    {
        var before = errors.Count;
        errors.AddRange(InputRules.Check(input)); // JSON bodies were checked already; imported cells are here
        var id = OptionalId(input.Id, "编码", errors, "，例如 sz-fgw");
        var name = RequiredName(input.Name, "name", "单位名称", errors);
        var level = Choice(input.Level, "level", ParseUnitLevel, "请填写级别（委室、两院、县区或乡镇）。",
            t => $"级别“{t}”无法识别，应为 委室、两院、县区、乡镇（或 committee、judicial、county、township）。", errors);
        var parent = Blank(input.ParentId);
        if (parent is not null && !IsValidId(parent))
            errors.Add(new("parentId", $"上级编码“{parent}”格式无效。"));
        var shortName = input.ShortName is null ? null : PlainTextLine(input.ShortName);
        if (shortName is { Length: > MaxShortName })
            errors.Add(new("shortName", $"简称“{shortName}”过长（最多 {MaxShortName} 个字），应如“埇桥区”“法工委”。"));
        return errors.Count > before ? null : new UnitDraft(id, name!, level, parent, input.Active, shortName);
    }

    /// <summary>Only townships have a parent, and it must be an active county or district.</summary>
    public static void CheckUnitParent(string? selfId, UnitLevel level, string? parentId, Func<string, Unit?> find,
        List<FieldError> errors)
    {
        if (level != UnitLevel.Township)
        {
            if (parentId is not null)
                errors.Add(new("parentId", $"只有乡镇需要上级单位；{LevelName(level)}单位不应填写上级编码。"));
            return;
        }
        if (parentId is null)
        {
            errors.Add(new("parentId", "乡镇必须填写所属县区的编码（上级编码）。"));
            return;
        }
        if (parentId == selfId)
        {
            errors.Add(new("parentId", "上级单位不能是自己。"));
            return;
        }
        var parent = find(parentId);
        if (parent is null)
            errors.Add(new("parentId", $"上级单位“{parentId}”不存在。"));
        else if (!parent.Active)
            errors.Add(new("parentId", $"上级单位“{parent.Name}”已停用。"));
        else if (parent.Level != UnitLevel.County)
            errors.Add(new("parentId", $"乡镇的上级必须是县区，“{parent.Name}”是{LevelName(parent.Level)}。"));
    }

    public static PersonDraft? ValidatePerson(PersonInput input, List<FieldError> errors)
    {
        var before = errors.Count;
        errors.AddRange(InputRules.Check(input)); // JSON bodies were checked already; imported cells are here
        var id = OptionalId(input.Id, "人员编号", errors);
        var name = RequiredName(input.Name, "name", "姓名", errors);
        var email = Blank(input.Email);
        if (email is null)
            errors.Add(new("email", "请填写电子邮箱。"));
        else if (!IsValidEmail(email))
            errors.Add(new("email", $"电子邮箱“{email}”格式无效。"));
        var phone = Blank(input.Phone);
        if (phone is not null && !PhoneRegex().IsMatch(phone))
            errors.Add(new("phone", $"电话“{phone}”格式无效：只能包含数字、空格、+、-、括号。"));
        var unitId = Blank(input.UnitId);
        if (unitId is null)
            errors.Add(new("unitId", "请填写所在单位编码。"));
        else if (!IsValidId(unitId))
            errors.Add(new("unitId", $"单位编码“{unitId}”格式无效。"));

        var roles = Role.None;
        foreach (var text in input.Roles ?? [])
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (TryParseRole(text, out var role)) roles |= role;
            else errors.Add(new("roles", $"角色“{text.Trim()}”无法识别，应为 信息员、编辑、签发、领导、管理员 之一。"));
        }
        if (roles == Role.None) roles = Role.Officer;

        var employment = Employment.PartTime;
        if (Blank(input.Employment) is { } employmentText)
        {
            if (ParseEmployment(employmentText) is { } e) employment = e;
            else errors.Add(new("employment", $"专兼职“{employmentText}”无法识别，应为 专职 或 兼职（fullTime / partTime）。"));
        }

        var quota = input.AnnualQuota ?? 0;
        if (quota is < 0 or > MaxQuota)
            errors.Add(new("annualQuota", $"年度任务应在 0 到 {MaxQuota} 之间。"));

        return errors.Count > before ? null : new PersonDraft(
            id, name!, email!, phone, unitId!, Roles.Names(roles),
            employment, input.IsDeputy ?? false, quota, input.Active);
    }

    public static CarrierDraft? ValidateCarrier(CarrierInput input, List<FieldError> errors)
    {
        var before = errors.Count;
        errors.AddRange(InputRules.Check(input)); // JSON bodies were checked already; imported cells are here
        var id = OptionalId(input.Id, "载体编码", errors);
        var name = RequiredName(input.Name, "name", "载体名称", errors);
        var level = Choice(input.Level, "level", ParseCarrierLevel, "请填写载体级别（省级或市级）。",
            t => $"载体级别“{t}”无法识别，应为 省级 或 市级（provincial / municipal）。", errors);
        var kind = Choice(input.Kind, "kind", ParseCarrierKind, "请填写载体类型（网站或刊物）。",
            t => $"载体类型“{t}”无法识别，应为 网站 或 刊物（website / periodical）。", errors);
        return errors.Count > before ? null
            : new CarrierDraft(id, name!, level, kind, input.Active, input.RequiresCaptions);
    }

    /// <summary>An id that may be left out; when given, it must be a valid id.</summary>
    private static string? OptionalId(string? text, string label, List<FieldError> errors, string example = "")
    {
        var id = Blank(text);
        if (id is not null && !IsValidId(id))
            errors.Add(new("id", $"{label}“{id}”无效：应为 2–40 位小写字母、数字或连字符{example}。"));
        return id;
    }

    /// <summary>A required choice: <paramref name="missing"/> when blank, <paramref name="unknown"/> when it names
    /// none of the choices.</summary>
    private static T Choice<T>(string? text, string field, Func<string, T?> parse, string missing,
        Func<string, string> unknown, List<FieldError> errors) where T : struct
    {
        if (Blank(text) is not { } given) errors.Add(new(field, missing));
        else if (parse(given) is { } value) return value;
        else errors.Add(new(field, unknown(given)));
        return default;
    }

    private static string? RequiredName(string? text, string field, string label, List<FieldError> errors)
    {
        var name = Blank(text);
        if (name is null) errors.Add(new(field, $"请填写{label}。"));
        return name;
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
